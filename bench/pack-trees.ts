/**
 * The trees the packing bench packs, each made the same way every run: the synthetic mixed tree (small
 * and large text, random binaries, in four quarters for the memory runs), a tree of many small files
 * (what monorepos, Python environments and vendored dependencies look like), and a copy of the project's
 * own node_modules.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, realpath, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TreeKind = 'synthetic' | 'small-files' | 'node-modules';

export const TREE_KINDS: readonly TreeKind[] = ['synthetic', 'node-modules', 'small-files'];

export const TREE_TITLES: Record<TreeKind, string> = {
  synthetic: 'synthetic mixed tree',
  'node-modules': "copy of the project's node_modules",
  'small-files': 'many small files',
};

export interface GeneratedTree {
  files: number;
  bytes: number;
  /** Null where it is not known (a copied folder). */
  incompressibleBytes: number | null;
}

/** xorshift32: the same numbers for the same seed on every machine, unlike Math.random. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Deterministic text with a source-code-like vocabulary, so it compresses about as well as real code. */
export function textGenerator(seed: number): (bytes: number) => string {
  const next = prng(seed);
  const words = Array.from({ length: 3000 }, (_, i) => `${['get', 'set', 'load', 'user', 'item', 'ctx'][i % 6]}${i.toString(36)}`);
  return (bytes) => {
    const lines: string[] = [];
    let size = 0;
    while (size < bytes) {
      const indent = ' '.repeat(2 * Math.floor(next() * 4));
      const count = 3 + Math.floor(next() * 8);
      const line = `${indent}${Array.from({ length: count }, () => words[Math.floor(next() * words.length)]).join(' ')};\n`;
      lines.push(line);
      size += line.length;
    }
    return lines.join('').slice(0, bytes);
  };
}

function writer(root: string) {
  const tree: GeneratedTree = { files: 0, bytes: 0, incompressibleBytes: 0 };
  const made = new Set<string>();
  const put = async (rel: string, data: string | Uint8Array, incompressible = false) => {
    const file = path.join(root, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(file, data);
    tree.files += 1;
    tree.bytes += data.length;
    if (incompressible) tree.incompressibleBytes = (tree.incompressibleBytes ?? 0) + data.length;
  };
  return { tree, put };
}

/** Four quarters (q0..q3) of mixed small text files, larger text files and random binaries. */
export async function generateSyntheticTree(root: string, quick: boolean): Promise<GeneratedTree> {
  const text = textGenerator(42);
  const perQuarter = quick
    ? { small: 50, mediumText: 2, random: 2, mediumBytes: 64 * 1024, randomBytes: 64 * 1024 }
    : { small: 2450, mediumText: 25, random: 50, mediumBytes: 700 * 1024, randomBytes: 400 * 1024 };
  const { tree, put } = writer(root);
  await put('Dockerfile', 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "q0/src/main.js"]\n');
  for (let q = 0; q < 4; q++) {
    for (let i = 0; i < perQuarter.small; i++) {
      await put(`q${q}/src/mod${i % 40}/file${i}.js`, text(1024 + ((i * 7919) % 11_264)));
    }
    for (let i = 0; i < perQuarter.mediumText; i++) await put(`q${q}/data/table${i}.csv`, text(perQuarter.mediumBytes));
    for (let i = 0; i < perQuarter.random; i++) await put(`q${q}/assets/blob${i}.bin`, randomBytes(perQuarter.randomBytes), true);
  }
  return tree;
}

/**
 * 50,000 text files of 50–400 bytes (about 11 MB) in 50 packages of 20 folders, two levels deeper in
 * places, as a monorepo or a vendored dependency tree has them. Sizes and contents come from a fixed seed.
 */
export async function generateSmallFileTree(root: string, quick: boolean): Promise<GeneratedTree> {
  const count = quick ? 600 : 50_000;
  const next = prng(7);
  const text = textGenerator(11);
  const { tree, put } = writer(root);
  await put('Dockerfile', 'FROM python:3.12\nCOPY . /app\n');
  for (let i = 1; i < count; i++) {
    const pkg = `pkg${(i % 50).toString().padStart(2, '0')}`;
    const folder = `lib${Math.floor(i / 50) % 20}${i % 7 === 0 ? '/internal/impl' : ''}`;
    await put(`packages/${pkg}/${folder}/m${i}.py`, text(50 + Math.floor(next() * 351)));
  }
  return tree;
}

/** The installed packages this project runs on; quick mode copies one small package of them. */
export async function copyNodeModules(root: string, quick: boolean): Promise<GeneratedTree | null> {
  const fflate = await realpath(path.dirname(createRequire(import.meta.url).resolve('fflate/package.json')));
  const source = quick ? fflate : path.dirname(fflate);
  await cp(source, root, { recursive: true, verbatimSymlinks: true });
  // node_modules holds nested node_modules folders, which the default skip list would leave out while
  // tar packs them: an ignore file that ignores nothing makes both pack the same files.
  await writeFile(path.join(root, '.dockerignore'), '# pack everything, as tar czf does\n');
  // Counted by the caller, as what our packer would send.
  return null;
}

export async function makeTree(kind: TreeKind, root: string, quick: boolean): Promise<GeneratedTree | null> {
  if (kind === 'synthetic') return generateSyntheticTree(root, quick);
  if (kind === 'small-files') return generateSmallFileTree(root, quick);
  return copyNodeModules(root, quick);
}
