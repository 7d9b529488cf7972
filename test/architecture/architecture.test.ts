import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circles, importGraph, loadedAtImport, sourceFiles } from './import-graph.js';

const FILES = sourceFiles('src');
const EDGES = importGraph(FILES);

/** The folder a file of src/ belongs to; main.ts is its own. */
const folderOf = (file: string) => (file === 'src/main.ts' ? 'main' : file.split('/')[1]!);

/**
 * Which folders each folder may import (itself always). The local Ignite and the MCP server share
 * only contract/, archive/ and shared/; shared/ is the floor and imports nothing of ours.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  main: ['cli', 'config', 'shared'],
  // The launcher of the shipped command and its V8 code cache: node's modules only.
  bin: [],
  cli: ['config', 'shared', 'mcp', 'local', 'contract', 'doctor', 'client', 'daemon'],
  // One local Ignite per data directory, as files: the folder's checks, the lock, the record of
  // the running one, client leases. Both sides of cli/ use it (the local Ignite and the MCP
  // server that starts or joins it), and it loads neither of them.
  daemon: ['shared'],
  config: ['shared', 'contract'],
  mcp: ['client', 'logs', 'packing', 'archive', 'contract', 'config', 'shared', 'doctor'],
  doctor: ['client', 'contract', 'config', 'shared'],
  logs: ['client', 'contract', 'shared'],
  client: ['contract', 'shared'],
  packing: ['archive', 'shared'],
  local: ['contract', 'archive', 'shared'],
  archive: ['shared'],
  contract: [],
  shared: [],
};

describe('the layout', () => {
  it('has a rule for every folder of src/', () => {
    expect([...new Set(FILES.map(folderOf))].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('imports only along the allowed arrows between folders (the local Ignite never imports the MCP side)', () => {
    const wrong = EDGES.filter((edge) => edge.to.startsWith('src/'))
      .filter((edge) => folderOf(edge.from) !== folderOf(edge.to) && !MAY_IMPORT[folderOf(edge.from)]!.includes(folderOf(edge.to)))
      .map((edge) => `${edge.from} -> ${edge.to}`);
    expect(wrong).toEqual([]);
  });

  it('has no import circles', () => {
    expect(circles(EDGES)).toEqual([]);
  });

  it('reads process.env and argv only in main.ts and cli/', () => {
    const readers = FILES.filter((file) => folderOf(file) !== 'main' && folderOf(file) !== 'cli').filter((file) =>
      /\bprocess\.(env|argv)\b/.test(
        readFileSync(file, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, ''),
      ),
    );
    expect(readers).toEqual([]);
  });
});

describe('what the bundle may leave out (scripts/bundle.ts)', () => {
  it('uses Zod 4 only, and no zod locale: the bundle has neither Zod 3 nor locales other than English', () => {
    const zodImports = EDGES.filter((edge) => edge.to === 'zod' || edge.to.startsWith('zod/')).map((edge) => edge.to);
    expect([...new Set(zodImports)]).toEqual(['zod']);
    const localeUsers = FILES.filter((file) => /\bz\.locales\b|zod\/v4\/locales|zod\/locales/.test(readFileSync(file, 'utf8')));
    expect(localeUsers).toEqual([]);
  });

  it('gives every McpServer the validator that loads Ajv on first use', () => {
    const constructions = FILES.flatMap((file) => readFileSync(file, 'utf8').match(/new McpServer\([^]*?\n {2}\}\);/g) ?? []);
    expect(constructions.length).toBeGreaterThan(0);
    expect(constructions.filter((text) => !text.includes('jsonSchemaValidator: deferredJsonSchemaValidator'))).toEqual([]);
  });
});

describe('nothing heavy before initialize', () => {
  // The server module is what answers initialize; these load on first use, after it.
  const loaded = loadedAtImport('src/mcp/server.ts', EDGES);

  it('loads neither grpc-js nor proto-loader with the MCP server', () => {
    expect([...loaded].filter((file) => file.startsWith('@grpc/'))).toEqual([]);
  });

  it('loads neither the packer nor the local Ignite with the MCP server', () => {
    expect([...loaded].filter((file) => file.startsWith('src/packing/') || file.startsWith('src/local/'))).toEqual([]);
  });

  it('loads neither with the stdio command that serves it', () => {
    const fromEntry = [...loadedAtImport('src/main.ts', EDGES)];
    expect(
      fromEntry.filter((file) => file.startsWith('@grpc/') || file.startsWith('src/packing/') || file.startsWith('src/local/')),
    ).toEqual([]);
    // The check must see the server: an entry that stopped importing it would pass for the wrong reason.
    expect(fromEntry).toContain('src/mcp/server.ts');
  });
});
