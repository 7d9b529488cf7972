/**
 * The deploy panel in a real browser: headless Chromium (Debian's, driven by playwright-core) loads
 * a small host page that renders our `ui://ignite/deploy-panel` resource with ext-apps' AppBridge,
 * connected through the test process to a real MCP server and local Ignite. Screenshots go to
 * test-artifacts/ (the README's docs/panel.png is a copy of deploy-panel-failed.png).
 *
 * Chromium is required in CI (CI or IGNITE_MCP_BROWSER_TESTS=require: .ci/run installs it); locally
 * the suite is skipped, saying why, when /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import type { PanelSpec } from './panel-spec.js';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = Boolean(process.env.CI) || process.env.IGNITE_MCP_BROWSER_TESTS === 'require';
const MISSING = !existsSync(CHROMIUM);
const SKIP_REASON = `skipped: ${CHROMIUM} is not installed (apt-get install -y chromium; required when CI is set)`;
const ARTIFACTS = path.resolve('test-artifacts');
const PANEL_URI = 'ui://ignite/deploy-panel';
const XSS = '<img src=x onerror=alert(1)>';

const HOST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>deploy panel test host</title>
<style>body{margin:0;background:#e9ecf1;font-family:system-ui,sans-serif}#chat{max-width:820px;margin:12px auto}
iframe{display:block;width:100%;height:640px;border:0;border-radius:12px;background:#fff;box-shadow:0 1px 3px #0002}</style>
</head><body><div id="chat"></div><script src="/host.js"></script></body></html>`;

let harness: Harness;
/** The harness the page's requests go to (a second one builds without step delays). */
let target: Harness;
let context: BrowserContext;
let page: Page;
let server: http.Server;
let panelHtml: string;
let panelCsp: PanelSpec['csp'];
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-mcp-chromium-'));
/** What the host passed on to the server, in order: `tools/call <name>` or the method. */
const proxied: string[] = [];
/** Every URL the browser asked for: the host page and its script, nothing from the panel. */
const requested: string[] = [];
const problems: string[] = [];

function structured<T = Record<string, any>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

function contextDir(name: string, files: Record<string, string>, within = harness): string {
  const dir = path.join(within.workDir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

async function render(within: Harness, toolName: string, args: Record<string, unknown>, result: CallToolResult): Promise<FrameLocator> {
  target = within;
  const spec: PanelSpec = { html: panelHtml, csp: panelCsp, toolName, args, result, theme: 'light' };
  await page.evaluate((s) => (globalThis as unknown as { renderPanel(spec: PanelSpec): Promise<void> }).renderPanel(s), spec);
  return page.frameLocator('#chat iframe');
}

async function screenshot(name: string): Promise<void> {
  const file = path.join(ARTIFACTS, name);
  await page.locator('#chat iframe').screenshot({ path: file });
  console.info(`deploy panel screenshot: ${file}`);
}

describe.skipIf(MISSING && !REQUIRED)(`the deploy panel in headless Chromium${MISSING ? ` (${SKIP_REASON})` : ''}`, () => {
  beforeAll(async () => {
    if (MISSING) throw new Error(`${CHROMIUM} is missing and browser tests are required here: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    // Steps of 40 ms, so a build is seen RUNNING before it SUCCEEDS.
    harness = await startHarness({ local: { limits: { buildStepDelayMs: 40 } } });
    const read = await harness.client.readResource({ uri: PANEL_URI });
    const content = read.contents[0] as { text: string; _meta?: { ui?: { csp?: PanelSpec['csp'] } } };
    panelHtml = content.text;
    panelCsp = content._meta?.ui?.csp;
    const hostJs = (
      await build({
        entryPoints: [path.resolve('test/browser/panel-host.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'chrome120',
        logLevel: 'warning',
      })
    ).outputFiles[0]!.text;
    server = http.createServer((req, res) => {
      const body = req.url === '/' ? HOST_PAGE : req.url === '/host.js' ? hostJs : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 860, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    // A CSP violation means either a policy blocks the panel's own code or something tried to load.
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.exposeFunction('mcpRequest', async (method: string, params: any) => {
      proxied.push(method === 'tools/call' ? `tools/call ${params.name}` : method);
      if (method === 'tools/call') return target.client.callTool(params);
      if (method === 'resources/read') return target.client.readResource(params);
      if (method === 'resources/list') return target.client.listResources(params);
      if (method === 'resources/templates/list') return target.client.listResourceTemplates(params);
      throw new Error(`the test host does not pass ${method} on`);
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await harness?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('follows a build live from RUNNING to SUCCEEDED, to its last line, showing markup in the log as text', async () => {
    const steps = Array.from({ length: 30 }, (_, i) => `ENV STEP_${i}=${i}`).join('\n');
    const dir = contextDir('labelled', { Dockerfile: `FROM scratch\n${steps}\nLABEL note="${XSS}"\nCMD ["x"]\n` });
    const args = { name: 'panel-demo', path: dir };
    const started = await harness.call('create_build', args);
    const { build_id } = structured(started);
    const frame = await render(harness, 'create_build', args, started);

    await frame.locator('.build .status[data-status="SUCCEEDED"]').waitFor();
    const done = structured(await harness.call('get_build', { build_id }));
    await frame.locator(`.log-viewport[data-last-seq="${done.build.last_log_seq}"]`).waitFor();
    const history = await frame.locator('.timeline').getAttribute('data-history');
    expect(history?.split(' ')).toContain('RUNNING');
    expect(history?.split(' ').at(-1)).toBe('SUCCEEDED');
    expect(history!.indexOf('RUNNING')).toBeLessThan(history!.indexOf('SUCCEEDED'));

    // The last line is on screen (the view follows), and the markup line is characters, not an element.
    const tail = structured(await harness.call('read_build_logs', { build_id, mode: 'tail', max_lines: 1 }));
    const lastRow = frame.locator(`.log-row[data-seq="${done.build.last_log_seq}"] .text`);
    expect(await lastRow.textContent()).toBe(tail.lines[0].text);
    const markupRow = frame.locator('.log-row .text', { hasText: XSS });
    expect(await markupRow.count()).toBe(1);
    expect(await markupRow.textContent()).toContain(`LABEL note="${XSS}"`);
    expect(await frame.locator('img').count()).toBe(0);
    expect(await frame.locator('.build dd code').first().textContent()).toBe(build_id);
    expect(await frame.locator('.build').textContent()).toContain('localhost/local/panel-demo:latest');
    expect(proxied).toContain('tools/call read_build_logs');
    await screenshot('deploy-panel-build.png');
  });

  it('highlights the first error line of a failed build, with its context', async () => {
    const dir = contextDir('failing', {
      Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY present.txt ./\nCOPY missing.txt ./\nCMD ["node", "x.js"]\n',
      'present.txt': 'here\n',
    });
    const { build_id } = structured(await harness.call('create_build', { name: 'panel-failing', path: dir }));
    const failed = await harness.call('get_build', { build_id, wait_seconds: 30 });
    const { failure } = structured(failed);
    const frame = await render(harness, 'get_build', { build_id, wait_seconds: 30 }, failed);

    await frame.locator('.build .status[data-status="FAILED"]').waitFor();
    const highlighted = frame.locator('.log-row.error-line');
    await highlighted.waitFor();
    expect(await highlighted.getAttribute('data-seq')).toBe(String(failure.first_error_seq));
    expect(await highlighted.locator('.text').textContent()).toBe(failure.first_error_line);
    expect(await frame.locator('.error-box .first-error').textContent()).toContain('missing.txt');
    expect(await frame.locator('.error-box .context-line').count()).toBeGreaterThan(1);
    expect(await frame.locator('.error-box .context-line.error-line').textContent()).toContain('missing.txt');
    await screenshot('deploy-panel-failed.png');
  });

  it('renders a 10,000-line log with a few dozen rows in the page', async () => {
    const fast = await startHarness();
    try {
      // Three lines per RUN step (the local Ignite records them, it does not run them): 10,000 lines in about a second.
      const steps = Array.from({ length: 3334 }, (_, i) => `RUN echo line ${i}`).join('\n');
      const dir = contextDir('long', { Dockerfile: `FROM scratch\n${steps}\nCMD ["x"]\n` }, fast);
      const { build_id } = structured(await fast.call('create_build', { name: 'panel-long', path: dir }));
      const done = await fast.call('get_build', { build_id, wait_seconds: 50 });
      const lastSeq: number = structured(done).build.last_log_seq;
      expect(lastSeq).toBeGreaterThanOrEqual(10_000);
      const frame = await render(fast, 'get_build', { build_id }, done);

      await frame.locator(`.log-viewport[data-last-seq="${lastSeq}"]`).waitFor();
      expect(await frame.locator('.log-viewport').getAttribute('data-lines')).toBe(String(lastSeq));
      expect(await frame.locator('.log-row:not([hidden])').count()).toBeLessThan(100);
      await frame.locator(`.log-row[data-seq="${lastSeq}"]`).waitFor();
      await frame.getByRole('button', { name: 'Top' }).click();
      await frame.locator('.log-row[data-seq="1"]').waitFor();
      expect(await frame.locator('.log-row:not([hidden])').count()).toBeLessThan(100);
    } finally {
      await fast.close();
    }
  });

  it('shows an app: active version, draft, last test, invocations; publish and rollback go through the host', async () => {
    const shop = async (version: string) => {
      const dir = contextDir(`shop-${version}`, {
        'server.js': `require('node:http').createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ version: '${version}', path: req.url }));
}).listen(Number(process.env.PORT), '127.0.0.1');\n`,
        Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n',
      });
      const { build_id } = structured(await harness.call('create_build', { name: 'shop', tags: [version], path: dir }));
      expect(structured(await harness.call('get_build', { build_id, wait_seconds: 30 })).build.status).toBe('SUCCEEDED');
      structured(await harness.call('save_image_draft', { app_name: 'shop', build_id }));
    };
    structured(await harness.call('configure_app', { app_name: 'shop' }));
    await shop('v1');
    expect(structured(await harness.call('test_draft', { app_name: 'shop' })).status_code).toBe(200);
    expect(structured(await harness.call('publish_draft', { app_name: 'shop' })).version).toBe(1);
    expect(structured(await harness.call('invoke', { app_name: 'shop', method: 'GET', path: '/missing' })).status_code).toBe(404);
    const args = { app_name: 'shop', method: 'GET', path: '/' };
    const invoked = await harness.call('invoke', args);
    const frame = await render(harness, 'invoke', args, invoked);

    const app = frame.locator('.app');
    await app.locator('[data-active-version="1"]').waitFor();
    expect(await app.locator('.last-test').textContent()).toContain('HTTP 200');
    expect(await app.locator('.draft').textContent()).toMatch(/localhost\/local\/shop:v1 .*tested.*live/);
    expect(await app.locator('.invocations tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')))).toEqual([
      '200',
      '404',
      '200',
    ]);
    await screenshot('deploy-panel-app.png');

    // A new draft; publish it: the first click arms the button, the second calls publish_draft through the host.
    await shop('v2');
    await app.getByRole('button', { name: 'Refresh' }).click();
    await app.getByRole('button', { name: 'Publish draft' }).click();
    await app.getByRole('button', { name: 'Confirm publish' }).click();
    await app.locator('[data-active-version="2"]').waitFor();
    expect(await app.locator('.outcome').textContent()).toMatch(/^published shop version 2/);
    await app.getByRole('button', { name: 'Roll back to v1' }).click();
    await app.getByRole('button', { name: 'Confirm rollback to v1' }).click();
    await app.locator('[data-active-version="1"]').waitFor();
    expect(await app.locator('.outcome').textContent()).toMatch(/^shop rolled back from version 2 to 1/);
    expect(proxied.filter((call) => /publish_draft|rollback_app/.test(call))).toEqual([
      'tools/call publish_draft',
      'tools/call rollback_app',
    ]);
    expect(structured(await harness.call('get_app', { app_name: 'shop' })).active.version).toBe(1);
  });

  it('loaded nothing but the host page, and met no policy violation, dialog or script error', () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(requested.filter((url) => url !== `${origin}/` && url !== `${origin}/host.js`)).toEqual([]);
    expect(problems).toEqual([]);
    expect(harness.canaryLeaks()).toEqual([]);
  });
});
