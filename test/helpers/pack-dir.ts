import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import * as tar from 'tar-stream';

/** A directory as a tar.gz, as the CLI packs a build context (files only, modes kept, stable mtime). */
export async function packDirectory(dir: string): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const file of filesUnder(dir)) {
    const full = path.join(dir, file);
    const body = readFileSync(full);
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: file, mode: statSync(full).mode & 0o777, mtime: new Date(0) }, body, (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  await collected;
  return Buffer.from(gzipSync(Buffer.concat(chunks)));
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    });
}
