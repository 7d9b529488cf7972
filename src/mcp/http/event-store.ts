/**
 * The event store behind resumable HTTP streams: every message the server sends on a session's SSE
 * streams gets an id, so a client that reconnects with `Last-Event-ID` gets what it missed, once.
 * One store per session (dropped with it), bounded per stream: a client that stays away longer than
 * the bound resumes with a gap, which its next read of the log resource fills by cursor.
 *
 * The SDK's example store splits ids on "_" and breaks on its own standalone stream id "_GET_stream"
 * (docs/mcp-sdk.md); ids here are "<stream number>-<sequence in that stream>", which no stream id can confuse.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface StoredEvent {
  seq: number;
  message: JSONRPCMessage;
}

export class SessionEventStore implements EventStore {
  private readonly streams = new Map<string, { number: number; nextSeq: number; events: StoredEvent[] }>();
  private readonly streamByNumber = new Map<number, string>();

  constructor(private readonly maxEventsPerStream = 2000) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { number: this.streams.size + 1, nextSeq: 1, events: [] };
      this.streams.set(streamId, stream);
      this.streamByNumber.set(stream.number, streamId);
    }
    // Numbered per stream, so a client can see that a resumed stream has no gap and no repeat.
    const seq = stream.nextSeq++;
    stream.events.push({ seq, message });
    if (stream.events.length > this.maxEventsPerStream) stream.events.splice(0, stream.events.length - this.maxEventsPerStream);
    return `${stream.number}-${seq}`;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const parsed = parseEventId(eventId);
    return parsed ? this.streamByNumber.get(parsed.stream) : undefined;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const parsed = parseEventId(lastEventId);
    const streamId = parsed ? this.streamByNumber.get(parsed.stream) : undefined;
    if (!parsed || streamId === undefined) throw new Error(`unknown event id ${JSON.stringify(lastEventId.slice(0, 40))}`);
    const stream = this.streams.get(streamId)!;
    for (const event of stream.events) {
      // Priming events (empty data, stored as {}) only mark a position; there is nothing to resend.
      if (event.seq <= parsed.seq || Object.keys(event.message).length === 0) continue;
      await send(`${stream.number}-${event.seq}`, event.message);
    }
    return streamId;
  }

  /** Events held, for tests and limits. */
  get size(): number {
    let total = 0;
    for (const stream of this.streams.values()) total += stream.events.length;
    return total;
  }
}

function parseEventId(eventId: string): { stream: number; seq: number } | undefined {
  const match = /^(\d{1,9})-(\d{1,15})$/.exec(eventId);
  return match ? { stream: Number(match[1]), seq: Number(match[2]) } : undefined;
}
