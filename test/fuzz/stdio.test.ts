import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import './seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdOf, StdioLineGuard, type DroppedLine } from '../../src/cli/stdio-line-guard.js';
import { CANARY } from '../helpers/canary.js';
import { BIN, requireBuiltBin } from '../helpers/bin.js';
import { stopLocalIgnite } from '../helpers/daemon.js';

const MIB = 1024 * 1024;

/** Runs `chunks` through a guard and collects what it passes on (as lines) and what it drops. */
async function throughGuard(chunks: Buffer[], maxLineBytes: number): Promise<{ lines: string[]; dropped: DroppedLine[] }> {
  const dropped: DroppedLine[] = [];
  const guard = Readable.from(chunks).pipe(new StdioLineGuard(maxLineBytes, (line) => void dropped.push(line)));
  const passed: Buffer[] = [];
  for await (const piece of guard) {
    expect((piece as Buffer).at(-1), 'each chunk passed on is whole lines').toBe(0x0a);
    passed.push(piece as Buffer);
  }
  return { lines: Buffer.concat(passed).toString('utf8').split('\n').slice(0, -1), dropped };
}

describe('the stdio line guard', () => {
  it('passes every line up to the limit whole, however the input is cut, and drops only longer ones', async () => {
    const asciiButNewline = fc.integer({ min: 0, max: 127 }).map((code) => (code === 10 ? ' ' : String.fromCharCode(code)));
    const line = fc.string({ unit: asciiButNewline, maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        async (lines, cuts) => {
          const input = Buffer.from(lines.map((text) => `${text}\n`).join(''));
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < input.length; i++) {
            const size = cuts[i % cuts.length]!;
            chunks.push(input.subarray(at, at + size));
            at += size;
          }
          const out = await throughGuard(chunks, 30);
          expect(out.lines).toEqual(lines.filter((text) => text.length <= 30));
          expect(out.dropped.map((dropped) => dropped.bytes)).toEqual(
            lines.filter((text) => text.length > 30).map((text) => text.length + 1),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"x":"', '"}}\n', 7],
    ['{"method":"tools/call","params":{"arguments":{"id":1,"x":"', '"}},"jsonrpc":"2.0","id":"abc"}\n', 'abc'],
    ['{"method":"tools/call","params":{"x":"', '","id":3}}\n', undefined],
    ['{"jsonrpc":"2.0","method":"notifications/x","params":{"x":"', '"}}\n', undefined],
    ['{"jsonrpc":"2.0","id":9,"result":{"x":"', '"}}\n', undefined],
  ])('finds the id of a dropped request only where it is certain: %s…', async (head, tail, id) => {
    expect(requestIdOf(head, tail)).toBe(id);
    const out = await throughGuard([Buffer.from(head), Buffer.alloc(5000, 'a'), Buffer.from(tail)], 1000);
    expect(out.dropped).toEqual([{ bytes: head.length + 5000 + tail.length, requestId: id }]);
  });
});

describe('the built server over stdio, fed malformed and oversized lines', () => {
  let work: string;
  let child: ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';

  beforeAll(() => {
    requireBuiltBin();
    work = mkdtempSync(path.join(os.tmpdir(), 'ignite-stdio-fuzz-'));
    // A token with no endpoint stays local: it must not be sent anywhere, nor printed.
    child = spawn(process.execPath, [BIN], {
      cwd: work,
      env: {
        ...process.env,
        IGNITE_MCP_DATA_DIR: path.join(work, 'data'),
        IGNITE_MCP_LOCAL_IDLE_SECS: '30',
        DODIL_TOKEN: CANARY,
        IGNITE_MCP_ENGINE: 'process',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await stopLocalIgnite(path.join(work, 'data'));
    rmSync(work, { recursive: true, force: true });
  });

  const responses = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id?: unknown; result?: any; error?: { code: number; message: string } });
  const responseTo = async (id: unknown) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = responses().find((message) => message.id === id);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no response to ${String(id)}; stderr:\n${stderr.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const send = (line: string | Buffer) => child.stdin.write(typeof line === 'string' ? `${line}\n` : line);
  const request = (id: number, method: string, params?: unknown) =>
    send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }));
  const callTool = (id: number, name: string, args: unknown) => request(id, 'tools/call', { name, arguments: args });

  it('answers initialize, then survives junk and still answers', async () => {
    request(1, 'initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } });
    expect((await responseTo(1)).result.serverInfo.name).toBe('ignite-mcp');
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    for (const junk of [
      'this is not json',
      '{"foo":"bar"}',
      '[]',
      '[1,2,3]',
      'null',
      '42',
      '"str"',
      '{',
      '}}}',
      '{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}',
      '{"jsonrpc":"1.0","id":2,"method":"ping"}',
      '\r',
      '',
    ])
      send(junk);
    send(Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x1b, 0x00, 0x80]), Buffer.from('\u{1F600}\u0000\n')]));
    send(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256).filter((byte) => byte !== 0x0a)));
    send('\n');
    request(3, 'no/such/method');
    expect((await responseTo(3)).error?.code).toBe(-32601);
    request(4, 'tools/call', { name: 5, arguments: 'x' });
    expect([-32602, -32603]).toContain((await responseTo(4)).error?.code);
    callTool(5, 'get_build', { build_id: 42 });
    expect((await responseTo(5)).result.isError).toBe(true);
    request(6, 'ping');
    expect((await responseTo(6)).result).toEqual({});
  });

  it('handles a line just under the 10 MiB limit as a normal request', async () => {
    callTool(10, 'get_build', { build_id: 'A'.repeat(9 * MIB) });
    const answer = await responseTo(10);
    expect(answer.result.isError).toBe(true);
    expect(answer.result.content[0].text).toMatch(/Input validation error/);
  });

  it('drops lines over the limit, answers the requests among them, and keeps serving', async () => {
    const huge = 'B'.repeat(10 * MIB + 100);
    callTool(20, 'get_build', { build_id: huge });
    send(JSON.stringify({ method: 'tools/call', params: { name: 'get_build', arguments: { build_id: huge } }, jsonrpc: '2.0', id: 21 }));
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: huge } }));
    send(huge);
    for (const id of [20, 21]) {
      const answer = await responseTo(id);
      expect(answer.error?.code).toBe(-32600);
      expect(answer.error?.message).toMatch(/request too large: \d+ bytes, over the 10485760 byte limit/);
    }
    request(22, 'tools/list');
    expect((await responseTo(22)).result.tools.length).toBeGreaterThan(5);
    callTool(23, 'list_builds', {});
    expect((await responseTo(23)).result.isError).toBeFalsy();
    expect(stderr.match(/dropped a message of \d+ bytes/g)).toHaveLength(4);
  });

  it('answers a request whose params is null (or not an object) with -32602 instead of never (issue 10)', async () => {
    const ids = [30, 31, 32, 33, 34];
    send('{"jsonrpc":"2.0","id":30,"method":"tools/list","params":null}');
    send('{"jsonrpc":"2.0","id":31,"method":"ping","params":null}');
    send('{"jsonrpc":"2.0","id":32,"method":"tools/call","params":"get_build"}');
    send('{"jsonrpc":"2.0","id":33,"method":"resources/list","params":[]}');
    send('{"params" : null, "method":"prompts/list","jsonrpc":"2.0","id":34}');
    for (const id of ids) {
      const answer = await responseTo(id);
      expect(answer.error?.code, String(id)).toBe(-32602);
      expect(answer.error?.message).toMatch(/"params" of \S+ must be an object/);
    }
    // A nested "params": null inside arguments is the tool's business, and the request goes through.
    callTool(35, 'get_build', { build_id: 'b', params: null });
    expect((await responseTo(35)).result.isError).toBe(true);
    request(36, 'ping');
    expect((await responseTo(36)).result).toEqual({});
  });

  it('wrote only JSON-RPC to stdout, nothing internal or secret to stderr, and exits cleanly on EOF', async () => {
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
    expect(code).toBe(0);
    for (const message of responses()) expect(message).toHaveProperty('jsonrpc', '2.0');
    expect(stderr).toMatch(/dropped a malformed message/);
    expect(stderr).not.toContain(CANARY);
    expect(stderr).not.toMatch(/\n\s+at \S+ \(|\.js:\d+:\d+/);
    expect(Math.max(...stderr.split('\n').map((line) => line.length))).toBeLessThan(1000);
  });
});
