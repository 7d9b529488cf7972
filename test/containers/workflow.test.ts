/**
 * The whole MCP workflow, folder to invoke, under podman, for two ordinary services that run on any
 * container platform, unchanged: a Python service on a fixed port FROM python:3.12-slim, and a Node
 * service FROM node:20-alpine whose Dockerfile runs `npm install`. No registry is reachable, so the
 * image map sends both bases to images made from this host's runtimes (the README's offline route).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerEngine } from '../../src/local/engines/container-engine.js';
import { describeWithPodman, ENGINE_ENV, importHostBase, podmanFor, removeStore, testStoreDir } from '../helpers/engine.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let store: string;
let engine: ContainerEngine;
let harness: Harness;

const PYTHON_SERVICE = {
  Dockerfile: `FROM python:3.12-slim
WORKDIR /srv
COPY app.py .
RUN python3 -c "import py_compile; py_compile.compile('app.py', doraise=True)" && echo "built with $(python3 --version)" > build-info.txt
ENV PYTHONUNBUFFERED=1
EXPOSE 8080
USER 1000
HEALTHCHECK CMD python3 -c "print('never run')"
CMD ["python3", "app.py"]
`,
  'app.py': `import json
from http.server import BaseHTTPRequestHandler, HTTPServer

BUILD_INFO = open("build-info.txt").read().strip()

class Handler(BaseHTTPRequestHandler):
    def reply(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.reply(200 if self.path == "/healthz" else 404, {"ok": self.path == "/healthz"})

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or "null")
        self.reply(200, {"echo": payload, "build": BUILD_INFO})

print("listening on 8080", flush=True)
HTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
`,
};

const NODE_SERVICE = {
  Dockerfile: `FROM node:20-alpine
WORKDIR /app
COPY package.json .
RUN npm install --no-audit --no-fund
COPY server.js .
EXPOSE 3000
USER 1000
CMD ["node", "server.js"]
`,
  'package.json': JSON.stringify(
    { name: 'node-service', version: '1.0.0', private: true, dependencies: { 'is-number': '7.0.0' } },
    null,
    2,
  ),
  'server.js': `const http = require('node:http');
const isNumber = require('is-number');
http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const value = JSON.parse(body || 'null');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ value, is_number: isNumber(value && value.n) }));
  });
}).listen(3000, () => console.log('listening on 3000'));
`,
};

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

function writeService(name: string, files: Record<string, string>): string {
  const dir = path.join(harness.workDir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

/** configure_app -> create_build (folder) -> get_build -> save_image_draft -> test_draft -> publish_draft -> invoke. */
async function deploy(app: string, dir: string, port: number, payload: unknown) {
  structured(await harness.call('configure_app', { app_name: app, ports: [port] }));
  const { build_id } = structured<{ build_id: string }>(await harness.call('create_build', { name: app, path: dir }));
  const done = structured<{ build: { status: string; steps_not_executed: string[] }; failure: unknown }>(
    await harness.call('get_build', { build_id, wait_seconds: 50 }),
  );
  const logs = structured<{ lines: Array<{ text: string }> }>(
    await harness.call('read_build_logs', { build_id, mode: 'head', max_lines: 500 }),
  ).lines.map((line) => line.text);
  expect(done.build.status, `${JSON.stringify(done.failure)}\n${logs.join('\n')}`).toBe('SUCCEEDED');
  expect(done.build.steps_not_executed).toEqual([]);
  structured(await harness.call('save_image_draft', { app_name: app, build_id }));
  const tested = structured<{ status_code: number; body: string }>(await harness.call('test_draft', { app_name: app, payload }));
  structured(await harness.call('publish_draft', { app_name: app }));
  const invoked = structured<{ status_code: number; body: string; version: number }>(
    await harness.call('invoke', { app_name: app, payload }),
  );
  return { logs, tested, invoked };
}

describeWithPodman('the MCP workflow under podman', () => {
  beforeAll(async () => {
    store = testStoreDir('workflow');
    engine = await podmanFor(store);
    await importHostBase(engine, 'python3', 'localhost/base/python:3.11');
    await importHostBase(engine, 'node', 'localhost/base/node:20');
    harness = await startHarness({
      local: {
        engine: 'podman',
        engineStoreDir: store,
        engineEnv: ENGINE_ENV,
        imageMap: { 'python:3.12-slim': 'localhost/base/python:3.11', 'node:20-alpine': 'localhost/base/node:20' },
        limits: { appStartTimeoutMs: 15_000 },
      },
    });
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
    if (store) await removeStore(store);
  });

  it(
    'deploys a Python service that listens on a fixed port, unchanged, from its folder to an invocation',
    { timeout: 120_000 },
    async () => {
      const { logs, tested, invoked } = await deploy('py-service', writeService('py-service', PYTHON_SERVICE), 8080, { hello: 'python' });
      expect(
        logs.some((line) =>
          /^ ---> python:3\.12-slim: the local image localhost\/base\/python:3\.11 \([0-9a-f]{12}\), from the image map$/.test(line),
        ),
      ).toBe(true);
      expect(logs.some((line) => /^STEP 4\/9: RUN python3 -c/.test(line))).toBe(true);
      expect(tested.status_code).toBe(200);
      expect(JSON.parse(tested.body)).toEqual({ echo: { hello: 'python' }, build: 'built with Python 3.11.2' });
      expect(invoked.status_code).toBe(200);
      expect(JSON.parse(invoked.body).echo).toEqual({ hello: 'python' });
    },
  );

  it('deploys a Node service whose Dockerfile runs npm install, through the CA pass-through', { timeout: 180_000 }, async () => {
    const { logs, tested, invoked } = await deploy('node-service', writeService('node-service', NODE_SERVICE), 3000, { n: 42 });
    expect(logs.some((line) => /^added 1 package/.test(line))).toBe(true);
    expect(JSON.parse(tested.body)).toEqual({ value: { n: 42 }, is_number: true });
    expect(JSON.parse(invoked.body)).toEqual({ value: { n: 42 }, is_number: true });
  });
});
