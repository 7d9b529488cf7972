/**
 * Builds the deploy panel (ui/panel/) into one HTML file: the script and the style inline, minified,
 * and a Content-Security-Policy that allows exactly those two by hash and nothing else (no
 * connection, image, font, frame or form target). The MCP server serves the file as
 * `ui://ignite/deploy-panel` (src/mcp/ui/deploy-panel.ts). scripts/bundle.ts calls this.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';

export const PANEL_FILE = 'deploy-panel.html';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Writes `<outDir>/deploy-panel.html` and returns its size in bytes. */
export async function buildPanel(root: string, outDir: string): Promise<number> {
  const ui = path.join(root, 'ui', 'panel');
  const script = await build({
    absWorkingDir: root,
    entryPoints: [path.join(ui, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // What MCP Apps hosts embed: current Chromium (Claude desktop, VS Code, Cursor), Safari and Firefox.
    target: ['chrome111', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const js = script.outputFiles[0]!.text.trim();
  const css = (await transform(readFileSync(path.join(ui, 'panel.css'), 'utf8'), { loader: 'css', minify: true })).code.trim();
  // Inline text that closed its own element would end it early; minified code never should.
  if (/<\/script/i.test(js) || /<\/style/i.test(css)) throw new Error('the panel script or style contains a closing tag');
  const template = readFileSync(path.join(ui, 'panel.html'), 'utf8');
  // Functions as replacements: `$&` and friends in the code must stay as written.
  const filled = template.replace('%STYLE%', () => css).replace('%SCRIPT%', () => js);
  // Hashed as they stand in the file, whitespace around them included (however the template is formatted).
  const inline = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(filled)![1]!;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(inline('script'))}`,
    `style-src ${sha256(inline('style'))}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html = filled.replace('%CSP%', () => csp);
  writeFileSync(path.join(outDir, PANEL_FILE), html);
  return Buffer.byteLength(html);
}
