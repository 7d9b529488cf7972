import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type * as grpc from '@grpc/grpc-js';
import type { UploadBuildContextRequest__Output } from '../../contract/generated/dodil/ignite/v1/UploadBuildContextRequest.js';
import type { UploadBuildContextResponse } from '../../contract/generated/dodil/ignite/v1/UploadBuildContextResponse.js';
import type { LocalServiceDeps } from '../deps.js';
import { invalidArgument, resourceExhausted } from '../rpc/errors.js';
import type { ContextStore } from './contexts.js';
import {
  CONTENT_TYPES,
  contextFormatOf,
  DECLARED_CONTENT_TYPES,
  sniffArchive,
  SNIFF_BYTES,
  type ArchiveKind,
} from '../../archive/formats.js';

type UploadCall = grpc.ServerReadableStream<UploadBuildContextRequest__Output, UploadBuildContextResponse>;

/** Thrown when the client goes away; there is nobody left to answer. */
class ClientGone extends Error {}

/**
 * UploadBuildContext: metadata first, then chunks streamed straight to a partial file (the gRPC
 * stream is pulled one message at a time, so memory stays bounded whatever the size). The context
 * exists only once the client has half-closed and the archive checks out; any failure or a
 * client cancel leaves neither record nor file.
 */
export function uploadBuildContextHandler(deps: LocalServiceDeps, contexts: ContextStore) {
  return async (call: UploadCall, callback: grpc.sendUnaryData<UploadBuildContextResponse>): Promise<void> => {
    const { organization } = deps.callers.identify(call.metadata);
    let onGone: () => void = () => {};
    const gone = new Promise<never>((_, reject) => (onGone = () => reject(new ClientGone())));
    gone.catch(() => {});
    call.on('cancelled', onGone);
    const messages = call[Symbol.asyncIterator]() as AsyncIterator<UploadBuildContextRequest__Output>;
    const next = () => Promise.race([messages.next(), gone]);

    const id = contexts.newId();
    const partial = contexts.partialFile(id);
    const out = createWriteStream(partial, { flags: 'wx' });
    const outFailed = new Promise<never>((_, reject) => out.on('error', reject));
    outFailed.catch(() => {});
    try {
      const first = await next();
      if (first.done || first.value.payload !== 'metadata' || !first.value.metadata)
        throw invalidArgument('the first message must be metadata');
      const metadata = first.value.metadata;
      const name = metadata.name.trim();
      if (!name) throw invalidArgument('metadata.name is required');
      const contentType = metadata.content_type.split(';')[0]!.trim().toLowerCase();
      const declared = contentType && Object.hasOwn(DECLARED_CONTENT_TYPES, contentType) ? DECLARED_CONTENT_TYPES[contentType] : undefined;
      if (contentType && !declared) {
        throw invalidArgument(`content_type "${metadata.content_type}" is not accepted; use application/gzip (tar.gz) or application/zip`);
      }
      const limit = deps.limits.uploadContextBytes;
      const expected = Number(metadata.expected_size_bytes || '0');
      if (expected > limit)
        throw resourceExhausted(`expected_size_bytes ${expected} is over the local Ignite's limit of ${limit} bytes per context`);

      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      for (let message = await next(); !message.done; message = await next()) {
        if (message.value.payload === 'metadata') throw invalidArgument('metadata may only be sent once, as the first message');
        const chunk = message.value.chunk ?? Buffer.alloc(0);
        size += chunk.length;
        if (size > limit) throw resourceExhausted(`the context is over the local Ignite's limit of ${limit} bytes per context`);
        if (expected > 0 && size > expected) throw invalidArgument(`more data arrived than expected_size_bytes (${expected})`);
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        hash.update(chunk);
        if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), gone, outFailed]);
      }
      await Promise.race([new Promise<void>((resolve) => out.end(() => resolve())), outFailed]);
      if (expected > 0 && size !== expected)
        throw invalidArgument(`size mismatch: expected_size_bytes is ${expected} but ${size} bytes arrived`);
      if (size === 0) throw invalidArgument('the archive is empty: send its bytes as chunk messages after the metadata');
      const format = checkFormat(sniffArchive(head), declared);

      // A client's cancel reaches the server as the end of its messages, with the cancel itself
      // a moment later; one more turn of the event loop tells a half-close from a cancel.
      await new Promise((resolve) => setImmediate(resolve));
      if (call.cancelled) throw new ClientGone();
      await rename(partial, contexts.file(id));
      if (call.cancelled) {
        await rm(contexts.file(id), { force: true });
        throw new ClientGone();
      }
      contexts.add({
        context_id: id,
        organization_name: organization,
        name,
        content_type: contentType || CONTENT_TYPES[contextFormatOf(format)],
        format,
        size_bytes: size,
        sha256: hash.digest('hex'),
        created_at_ms: Date.now(),
      });
      callback(null, { context_id: id, size_bytes: String(size) });
    } catch (err) {
      // The file is opened asynchronously: wait until the stream has closed, or an open still in
      // flight would create the partial file after it was removed.
      const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
      void messages.return?.();
      await rm(partial, { force: true });
      if (err instanceof ClientGone) return;
      throw err;
    } finally {
      call.off('cancelled', onGone);
    }
  };
}

function checkFormat(actual: ArchiveKind | undefined, declared: 'gzip' | 'zip' | undefined): 'gzip' | 'zip' {
  const found = actual === 'gzip' || actual === 'zip' ? actual : undefined;
  if (declared && found !== declared) {
    throw invalidArgument(
      `content_type says ${declared === 'zip' ? 'zip' : 'gzip (tar.gz)'} but the data is ${found ? `a ${found} archive` : 'not a readable archive'}`,
    );
  }
  if (!found) throw invalidArgument('the data is neither a gzip (tar.gz) nor a zip archive');
  return found;
}
