/**
 * Writes entries as a POSIX (ustar, pax when names are long) tar with tar-stream. tar-stream is push-based,
 * so a feeder writes entries while this generator drains the pack; awaiting every write keeps the feeder
 * from running ahead of whoever consumes the archive.
 */
import tar from 'tar-stream';
import { ARCHIVE_MTIME, permissionBits, type LoadedEntry } from './entry-reader.js';

type Sink = ReturnType<tar.Pack['entry']>;

function header(item: LoadedEntry): Partial<tar.Header> & Pick<tar.Header, 'name'> {
  const { entry } = item;
  const common = { mode: permissionBits(entry), mtime: ARCHIVE_MTIME, uid: 0, gid: 0, uname: '', gname: '' };
  if (item.kind === 'directory') return { ...common, name: `${entry.path}/`, type: 'directory' };
  if (item.kind === 'symlink') return { ...common, name: entry.path, type: 'symlink', linkname: entry.linkTarget ?? '' };
  return { ...common, name: entry.path, type: 'file', size: item.size };
}

function settled(sink: Sink, event: 'drain' | 'close'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEvent = () => {
      sink.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      sink.off(event, onEvent);
      reject(new Error('tar entry closed before it was written'));
    };
    sink.once(event, onEvent);
    if (event !== 'close') sink.once('close', onClose);
  });
}

async function writeEntry(pack: tar.Pack, item: LoadedEntry): Promise<void> {
  let sink!: Sink;
  const done = new Promise<void>((resolve, reject) => {
    const callback = (error?: Error | null) => (error ? reject(error) : resolve());
    if (item.kind !== 'file') sink = pack.entry(header(item), callback);
    else if ('data' in item)
      sink = pack.entry(header(item), Buffer.from(item.data.buffer, item.data.byteOffset, item.data.length), callback);
    else sink = pack.entry(header(item), callback);
  });
  if (item.kind === 'file' && 'chunks' in item) {
    for await (const chunk of item.chunks) {
      if (!sink.write(chunk)) await settled(sink, 'drain');
    }
    sink.end(undefined);
  }
  await done;
}

export async function* tarStream(items: AsyncIterable<LoadedEntry>): AsyncGenerator<Uint8Array> {
  const pack = tar.pack();
  let failure: unknown = null;
  const feeding = (async () => {
    for await (const item of items) await writeEntry(pack, item);
    pack.finalize();
  })().catch((error: unknown) => {
    failure = error;
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  let finished = false;
  try {
    for await (const chunk of pack) yield chunk as Uint8Array;
    finished = true;
  } catch (error) {
    throw failure ?? error;
  } finally {
    if (!finished) pack.destroy();
    await feeding;
  }
  if (failure !== null) throw failure;
}
