import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import './seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';
import { ADVERSARIAL_STRINGS, hostileArguments, hostileValue, makeNastyPaths } from './hostile-values.js';
import { validArguments, type JsonSchema, type Pools } from './schema-arbitrary.js';

/**
 * Every tool in the registry, fed random, hostile and schema-valid arguments through a real MCP
 * server and a real local Ignite. Each call must come back as a result (isError or not) within
 * its budget, with no stack trace or internal detail in any text, and the server must keep serving.
 */
const RUNS_PER_TOOL = 260;
/** Per tool, so one slow tool cannot eat the whole file's budget. */
const TIME_PER_TOOL_MS = 3_500;
/**
 * Tools that start app processes (health waits) get longer: on a loaded machine a few of their
 * calls can take a second each, and the property still needs enough runs to mean something.
 */
const SLOW_TOOLS: Readonly<Record<string, number>> = { test_draft: 10_000, publish_draft: 10_000, invoke: 10_000 };
const MIN_RUNS = 8;
const CALL_TIMEOUT_MS = 20_000;

// Linear patterns only: texts may echo 100 KB inputs, and a backtracking pattern would hang the test itself.
const INTERNALS: readonly [string, RegExp][] = [
  ['a stack frame', /(^|\n)\s*at (async )?\S+( \(|:\d+:\d+)/],
  ['a source line reference', /\.(ts|js|mjs|cjs):\d+/],
  ['a Node internal module', /node:internal|internal\/[\w/]+\.js/],
  ['a raw JavaScript error', /(^|\n|: )(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError|Error): /],
  ['an unmapped failure', /unexpected error/],
];

let harness: Harness;
let listed: Tool[];
const fixture = { buildId: '', imageRef: '', contextId: '', appDir: '', archive: '', nasty: [] as string[] };

beforeAll(async () => {
  harness = await startHarness({ local: { limits: { appStartTimeoutMs: 2_000, invokeTimeoutMs: 5_000 } } });
  listed = (await harness.client.listTools()).tools;
  fixture.appDir = path.join(harness.workDir, 'app');
  cpSync(path.resolve('test/fixtures/example-app'), fixture.appDir, { recursive: true });
  fixture.archive = path.join(harness.workDir, 'app.tar.gz');
  writeFileSync(fixture.archive, await packDirectory(fixture.appDir));
  fixture.nasty = makeNastyPaths(harness.workDir);
  const ok = async (name: string, args: Record<string, unknown>) => {
    const result = await harness.call(name, args);
    if (result.isError) throw new Error(`fixture ${name} failed: ${textOf(result)}`);
    return result.structuredContent as Record<string, any>;
  };
  fixture.buildId = (await ok('create_build', { name: 'fuzz-app', path: fixture.appDir })).build_id;
  fixture.imageRef = (await ok('get_build', { build_id: fixture.buildId, wait_seconds: 30 })).build.image_refs[0];
  fixture.contextId = (await ok('upload_context', { path: fixture.appDir })).context_id;
  await ok('configure_app', { app_name: 'fuzz-live', ports: [8080] });
  await ok('save_image_draft', { app_name: 'fuzz-live', build_id: fixture.buildId });
  await ok('publish_draft', { app_name: 'fuzz-live' });
  await ok('configure_app', { app_name: 'fuzz-scratch' });
  await ok('configure_app', { app_name: 'fuzz-drafts', ports: [8080] });
}, 60_000);
afterAll(() => harness.close());

/**
 * Which app each tool works on: calls go to the published live app; drafts are saved and published
 * on an app configure_app never touches, so a fuzzed health path cannot make every publish wait
 * out its start timeout; configure_app has its own.
 */
const CALLS_LIVE_APP = new Set(['invoke', 'test_draft', 'get_draft']);
const DRAFTS_APP = new Set(['save_image_draft', 'publish_draft']);
/** Git URLs that fail at once and locally: a fuzzed URL could otherwise clone this repository or reach the network. */
const SAFE_GIT_URLS = ['file:///nonexistent/repo.git', 'https://127.0.0.1:1/org/repo.git', 'git://127.0.0.1:1/x', '/nonexistent/repo'];

function poolsFor(tool: string): Pools {
  const http = CALLS_LIVE_APP.has(tool);
  return {
    build_id: fc.constantFrom(fixture.buildId, 'b-000000000000', 'fuzz-app'),
    app_name: fc.constantFrom(http ? 'fuzz-live' : DRAFTS_APP.has(tool) ? 'fuzz-drafts' : 'fuzz-scratch', 'no-such-app'),
    organization_name: fc.constantFrom('local', 'other-org'),
    context_id: fc.constantFrom(fixture.contextId, 'ctx-missing'),
    image_ref: fc.constantFrom(fixture.imageRef, 'localhost/local/missing:latest', 'docker.io/library/nginx:1.27'),
    name: fc.constantFrom('fuzz-app', 'fuzz-other'),
    path: http
      ? fc.constantFrom('/', '/fail', '/stream', '/healthz', '/info', '/abort', '/nope', `/${'a'.repeat(2000)}`)
      : fc.constantFrom(
          fixture.appDir,
          fixture.archive,
          harness.workDir,
          ...fixture.nasty,
          ...ADVERSARIAL_STRINGS.filter((s) => s.length > 0),
        ),
    query: fc.constantFrom('', 'x=1', 'chunks=2&bytes=10', '%ZZ', 'a=%00'),
    headers: fc.constantFrom(
      { 'content-type': 'text/plain' },
      { host: 'evil.example' },
      { 'transfer-encoding': 'chunked' },
      { 'content-length': '99999' },
      { connection: 'close' },
      { 'x-ignite-function-id': 'spoofed' },
    ),
    git_url: fc.constantFrom(...SAFE_GIT_URLS),
  };
}

/** Keeps a fuzzed git URL local: whatever was generated ends up under a folder that does not exist. */
function confineGitUrl(args: Record<string, unknown>): Record<string, unknown> {
  const url = args.git_url;
  if (typeof url !== 'string' || SAFE_GIT_URLS.includes(url)) return args;
  return { ...args, git_url: `file:///nonexistent/${url}` };
}

function argumentsFor(tool: Tool): fc.Arbitrary<Record<string, unknown>> {
  const schema = tool.inputSchema as JsonSchema;
  const fields = Object.keys(schema.properties ?? {});
  const valid = validArguments(schema, poolsFor(tool.name));
  const mutated = fc
    .tuple(valid, fc.constantFrom(...fields, '__proto__', 'unknown_field'), hostileValue)
    .map(([args, field, value]) => ({ ...args, [field]: value }));
  // A tool without inputs (doctor) has no field to leave out.
  const missing =
    fields.length === 0
      ? valid
      : fc
          .tuple(valid, fc.constantFrom(...fields))
          .map(([args, field]) => Object.fromEntries(Object.entries(args).filter(([key]) => key !== field)));
  return fc
    .oneof(
      { weight: 4, arbitrary: valid },
      { weight: 3, arbitrary: mutated },
      { weight: 2, arbitrary: hostileArguments(fields) },
      { weight: 1, arbitrary: missing },
    )
    .map(confineGitUrl);
}

/** What a real client would send: the arguments as JSON, so values JSON cannot carry do not reach the server. */
function overTheWire(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function textsOf(result: CallToolResult): string[] {
  return result.content.flatMap((item) => (item.type === 'text' ? [item.text] : []));
}

function expectNoInternals(text: string, context: string): void {
  for (const [what, pattern] of INTERNALS) {
    if (pattern.test(text)) throw new Error(`${context} shows ${what}:\n${text.slice(0, 2000)}`);
  }
}

async function callChecked(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const wire = overTheWire(args);
  const result = await withTimeout(harness.call(name, wire), `${name} ${JSON.stringify(wire).slice(0, 300)}`);
  expect(Array.isArray(result.content), `${name} returned no content`).toBe(true);
  for (const text of textsOf(result)) expectNoInternals(text, `${name} ${JSON.stringify(wire).slice(0, 300)}`);
  return result;
}

async function expectStillServing(): Promise<void> {
  const result = await withTimeout(harness.call('list_builds', { limit: 1 }), 'list_builds after a batch');
  expect(result.isError, textOf(result)).toBeFalsy();
}

describe('fuzzing every tool', () => {
  it('the registry and tools/list agree, so every tool is fuzzed', () => {
    expect(listed.map((tool) => tool.name).sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it.each(TOOLS.map((tool) => tool.name))(
    '%s: random, hostile and valid arguments always give a clean result',
    async (name) => {
      const tool = listed.find((candidate) => candidate.name === name)!;
      let runs = 0;
      let handled = 0;
      const property = fc.asyncProperty(argumentsFor(tool), async (args) => {
        runs++;
        const result = await callChecked(name, args);
        if (!result.isError || !textOf(result).includes('Input validation error')) handled++;
      });
      // A floor of runs no time limit can cut (a loaded machine must not thin the fuzzing out),
      // then as many more as the tool's time budget allows.
      await fc.assert(property, { numRuns: MIN_RUNS });
      await fc.assert(property, { numRuns: RUNS_PER_TOOL, plugins: [fc.interruptAfterTimeLimit(SLOW_TOOLS[name] ?? TIME_PER_TOOL_MS)] });
      // Valid-shaped arguments must get past the schema, or the handler itself goes unfuzzed.
      expect(handled).toBeGreaterThan(runs / 10);
      await expectStillServing();
    },
    60_000,
  );

  it('arguments that are not an object are refused as invalid params, and the server keeps serving', async () => {
    const notAnObject = fc.oneof(fc.constantFrom<unknown>(null, 'x', 42, true, [1, 2], [{}]), fc.array(hostileValue, { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TOOLS.map((tool) => tool.name)), notAnObject, async (name, args) => {
        const outcome = await withTimeout(
          harness.client.callTool({ name, arguments: overTheWire({ args }).args as Record<string, unknown> }).then(
            (result) => ({ result: result as CallToolResult }),
            (error: unknown) => ({ error }),
          ),
          `${name} with ${JSON.stringify(args).slice(0, 100)}`,
        );
        if ('error' in outcome) {
          // The SDK checks the request's shape before any tool runs, and answers a bad one with its
          // parser's issues as a JSON-RPC error (-32603 in 1.32); what matters is that it is an answer.
          expect([-32602, -32603]).toContain((outcome.error as { code?: number }).code);
          expectNoInternals(String((outcome.error as Error).message), name);
        } else {
          for (const text of textsOf(outcome.result)) expectNoInternals(text, name);
        }
      }),
      { numRuns: 150, plugins: [fc.interruptAfterTimeLimit(3_000)] },
    );
    await expectStillServing();
  });
});
