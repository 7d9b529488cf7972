import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Gunzip, unzipSync } from 'fflate';
import tar from 'tar-stream';
import { afterEach } from 'vitest';

/** File content, `{ link }` for a symlink, `{ dir: true }` for an (empty) directory, `{ mode }` to chmod. */
export type Spec = Record<string, string | Uint8Array | { link: string } | { dir: true } | { data: string | Uint8Array; mode: number }>;

const created: string[] = [];
afterEach(async () => {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(prefix = 'ctx-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function writeTree(root: string, spec: Spec): Promise<string> {
  for (const [rel, value] of Object.entries(spec)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof value === 'string' || value instanceof Uint8Array) await writeFile(abs, value);
    else if ('link' in value) await symlink(value.link, abs);
    else if ('dir' in value) await mkdir(abs, { recursive: true });
    else await writeFile(abs, value.data, { mode: value.mode });
  }
  return root;
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

export interface TreeNode {
  type: 'file' | 'directory' | 'symlink';
  mode?: number;
  data?: string;
  link?: string;
}

/** The tree as a sorted map (contents as base64), in the same shape the archive helpers return. */
export async function readTree(root: string, rel = ''): Promise<Map<string, TreeNode>> {
  const out = new Map<string, TreeNode>();
  for (const name of (await readdir(path.join(root, rel))).sort()) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const abs = path.join(root, childRel);
    const stats = await lstat(abs);
    if (stats.isSymbolicLink()) out.set(childRel, { type: 'symlink', link: await readlink(abs) });
    else if (stats.isDirectory()) {
      out.set(childRel, { type: 'directory' });
      for (const [k, v] of await readTree(root, childRel)) out.set(k, v);
    } else out.set(childRel, { type: 'file', data: (await readFile(abs)).toString('base64') });
  }
  return out;
}

export interface ArchiveEntry extends TreeNode {
  header?: tar.Header;
}

export async function untarGz(archive: Uint8Array): Promise<Map<string, ArchiveEntry>> {
  const chunks: Uint8Array[] = [];
  const gunzip = new Gunzip((chunk) => chunks.push(chunk));
  gunzip.push(archive, true);
  const extract = tar.extract();
  const out = new Map<string, ArchiveEntry>();
  const done = (async () => {
    for await (const entry of extract) {
      const parts: Buffer[] = [];
      for await (const part of entry) parts.push(part as Buffer);
      const name = entry.header.name.replace(/\/$/, '');
      const { type } = entry.header;
      if (type === 'directory') out.set(name, { type, header: entry.header });
      else if (type === 'symlink') out.set(name, { type, link: entry.header.linkname, header: entry.header });
      else out.set(name, { type: 'file', data: Buffer.concat(parts).toString('base64'), header: entry.header });
    }
  })();
  for (const chunk of chunks) extract.write(chunk);
  extract.end(undefined);
  await done;
  return out;
}

export function unzipEntries(archive: Uint8Array): Map<string, ArchiveEntry> {
  const out = new Map<string, ArchiveEntry>();
  for (const [name, data] of Object.entries(unzipSync(archive))) {
    if (name.endsWith('/')) out.set(name.slice(0, -1), { type: 'directory' });
    else out.set(name, { type: 'file', data: Buffer.from(data).toString('base64') });
  }
  return out;
}

export function withoutHeaders(entries: Map<string, ArchiveEntry>): Map<string, TreeNode> {
  return new Map([...entries].map(([k, { header: _header, ...rest }]) => [k, rest]));
}
