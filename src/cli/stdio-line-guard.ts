/**
 * A guard between stdin and the SDK's stdio transport. The transport closes for good when one line
 * outgrows its buffer (docs/mcp-sdk.md G8), so a single oversized message would end the session.
 * The guard drops such a line while it streams in, keeping only its first and last bytes to find
 * the request id, and hands every other line to the transport whole, one line per chunk.
 *
 * It also answers requests whose `params` is not an object (`"params": null` from some clients): the
 * SDK's message schema refuses them, reports a parse error to nobody in particular and never answers,
 * so the client waits forever. JSON-RPC says such a request gets -32602 Invalid params.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** A request the guard answers itself, because the SDK would drop it without an answer. */
export interface RefusedRequest {
  id: string | number;
  method: string;
  message: string;
}

export interface DroppedLine {
  bytes: number;
  /** The id of the dropped request, when its first or last bytes show one; answer it so the client does not wait. */
  requestId: string | number | undefined;
}

/** Bytes kept from each end of a dropped line: enough for `{"jsonrpc":"2.0","id":…,"method":…` or `…,"id":7}`. */
const EDGE_BYTES = 1024;
const NEWLINE = 0x0a;

export class StdioLineGuard extends Transform {
  private parts: Buffer[] = [];
  private size = 0;
  private dropping = false;
  private head: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);

  constructor(
    private readonly maxLineBytes: number,
    private readonly onDropped: (line: DroppedLine) => void,
    private readonly onRefused: (request: RefusedRequest) => void = () => {},
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      this.collect(chunk.subarray(start, newline + 1));
      this.endLine();
      start = newline + 1;
    }
    if (start < chunk.length) this.collect(chunk.subarray(start));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    // A last line without its newline is never a message for the transport either.
    if (this.dropping) this.endLine();
    callback();
  }

  private collect(piece: Buffer): void {
    this.size += piece.length;
    if (this.dropping) {
      this.tail = lastBytes(this.tail, piece);
      return;
    }
    if (this.size <= this.maxLineBytes + 1) {
      this.parts.push(piece);
      return;
    }
    this.dropping = true;
    this.head = Buffer.concat(this.parts, Math.min(EDGE_BYTES, this.size - piece.length));
    this.tail = lastBytes(Buffer.concat(this.parts.slice(-2)), piece);
    this.parts = [];
  }

  private endLine(): void {
    if (this.dropping) {
      this.onDropped({ bytes: this.size, requestId: requestIdOf(this.head.toString('utf8'), this.tail.toString('utf8')) });
    } else if (this.parts.length > 0) {
      const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
      const refused = unstructuredParams(line);
      if (refused === undefined) this.push(line);
      else this.onRefused(refused);
    }
    this.parts = [];
    this.size = 0;
    this.dropping = false;
    this.head = Buffer.alloc(0);
    this.tail = Buffer.alloc(0);
  }
}

function lastBytes(before: Buffer, piece: Buffer): Buffer {
  if (piece.length >= EDGE_BYTES) return Buffer.from(piece.subarray(piece.length - EDGE_BYTES));
  return Buffer.concat([before, piece]).subarray(-EDGE_BYTES);
}

const ID = String.raw`"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")`;
/** `{"jsonrpc":"2.0","id":7,…` or `{"method":"x","id":7,…`: the id among the first members. */
const ID_AT_START = new RegExp(String.raw`^\s*\{(?:\s*"(?:jsonrpc|method)"\s*:\s*"[^"]*"\s*,)*\s*${ID}`);
/** `…,"jsonrpc":"2.0","id":7}`, as the TypeScript SDK writes requests: the id as the outer object's last member. */
const ID_AT_END = new RegExp(String.raw`[{,]\s*${ID}\s*\}\s*$`);

/** The id of a request, or undefined when the line is not visibly a request (a notification, a response, junk). */
export function requestIdOf(head: string, tail: string): string | number | undefined {
  if (!/"method"\s*:/.test(head) && !/"method"\s*:/.test(tail)) return undefined;
  const raw = ID_AT_START.exec(head)?.[1] ?? ID_AT_END.exec(tail)?.[1];
  if (raw === undefined) return undefined;
  try {
    const id: unknown = JSON.parse(raw);
    return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : undefined;
  } catch {
    return undefined;
  }
}

const PARAMS_KEY = Buffer.from('"params"');
/** `"params"` followed by a value that is not an object: MCP's params are always objects. */
const PARAMS_NOT_STRUCTURED = /"params"\s*:\s*(?![\s{])/;

/**
 * The request to answer with -32602 when the line is a request (method and a usable id) whose `params`
 * is there but is not an object (null, an array, a string…); undefined for every other line, which
 * passes on unchanged.
 * Only lines that show such a `params` at all are parsed, so ordinary traffic costs one byte search.
 */
export function unstructuredParams(line: Buffer): RefusedRequest | undefined {
  if (line.indexOf(PARAMS_KEY) === -1) return undefined;
  const text = line.toString('utf8');
  if (!PARAMS_NOT_STRUCTURED.test(text)) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message) || !('params' in message)) return undefined;
  const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
  if (params !== null && typeof params === 'object' && !Array.isArray(params)) return undefined;
  if (typeof method !== 'string' || !(typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)))) return undefined;
  return { id, method, message: `Invalid params: "params" of ${method} must be an object (or left out), got ${JSON.stringify(params)}` };
}
