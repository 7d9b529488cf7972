import { gzipSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import * as tar from 'tar-stream';

/** A tar entry for tests: a file by default; symlinks, hard links and directories when asked. */
export interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
}

export type Files = Record<string, string | Buffer>;

/** A tar.gz of the given files (or raw entries, for archives a normal packer would refuse to make). */
export async function tarGz(files: Files | TarEntry[]): Promise<Buffer> {
  const entries: TarEntry[] = Array.isArray(files) ? files : Object.entries(files).map(([name, content]) => ({ name, content }));
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const body = type === 'file' ? Buffer.from(entry.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: entry.name,
        type,
        linkname: entry.linkname,
        mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
        mtime: new Date(0),
      };
      if (body) pack.entry(header, body, (err) => (err ? reject(err) : resolve()));
      else pack.entry(header, (err) => (err ? reject(err) : resolve())).end(undefined);
    });
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** A zip of the given files; Unix modes are recorded so executables stay executable. */
export function zip(files: Files, modes: Record<string, number> = {}): Buffer {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
    zippable[name] = [data, { os: 3, attrs: ((modes[name] ?? 0o100644) << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(zippable));
}

/** The example app the build tests assemble: a small Node server with a typical Dockerfile. */
export const NODE_APP: Files = {
  Dockerfile: [
    'FROM node:20-alpine',
    'WORKDIR /app',
    'COPY package.json ./',
    'RUN npm ci --omit=dev',
    'COPY . .',
    'ENV NODE_ENV=production PORT=8080',
    'EXPOSE 8080',
    'USER node',
    'CMD ["node", "server.js"]',
    '',
  ].join('\n'),
  'package.json': '{"name":"app","version":"1.0.0"}\n',
  'server.js': 'require("http").createServer((q, s) => s.end("ok")).listen(process.env.PORT);\n',
  '.dockerignore': 'node_modules\n*.log\n',
  'node_modules/left-pad/index.js': 'module.exports = 1;\n',
  'debug.log': 'noise\n',
};
