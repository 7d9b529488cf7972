import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ARCHIVE_FILE_NAME, ARCHIVE_FORMATS, type ArchiveFormat } from '../../../archive/formats.js';
import type { Exclusion, ExistingArchive, PathDialectOptions } from '../../../packing/index.js';

type Packer = typeof import('../../../packing/index.js');
let packerModule: Promise<Packer> | undefined;

/** The context packer, loaded on first use: it is not needed to answer initialize or list tools. */
export function packer(): Promise<Packer> {
  packerModule ??= import('../../../packing/index.js');
  return packerModule;
}
import { UserError } from '../../../shared/errors.js';
import { secretDockerfileError } from './exclusions.js';
import type { ToolCall } from '../define-tool.js';
import { pathInput } from './schemas.js';

/** The inputs every tool that takes a local build context shares. */
export const contextInputShape = {
  // The tools' descriptions say what path takes; the names say the rest.
  path: pathInput,
  dockerfile: z
    .string()
    .min(1)
    .max(1024)
    .refine((name) => !/[\u0000-\u001f]/.test(name), 'a Dockerfile path cannot hold control characters (NUL, line breaks)')
    .default('Dockerfile'),
  include_secret_files: z.array(z.string().min(1).max(1024)).max(100).optional(),
  format: z.enum(ARCHIVE_FORMATS).default('tar.gz'),
};

export interface ContextRequest {
  path: string;
  dockerfile: string;
  include_secret_files?: string[] | undefined;
  format: ArchiveFormat;
}

/** A context ready to send: an archive stream plus what the caller reports about it. */
export interface PreparedContext {
  /** The normalised real path, echoed back. */
  path: string;
  kind: 'folder' | 'archive';
  format: ArchiveFormat;
  contentType: string;
  fileCount: number;
  totalBytes: number;
  /** Known up front for an existing archive; after packing for a folder. */
  knownSizeBytes: number | null;
  ignoreSource: string;
  dockerfile: { path: string; found: boolean } | null;
  /** Secret-shaped files sent because include_secret_files named them, for the result to say so. */
  secretFilesSent: string[];
  stream: AsyncIterable<Uint8Array>;
  /** Settles once the stream is read: `excluded` then includes the files whose contents were found secret. */
  result: Promise<{ digest: string; packedBytes: number; excluded: Exclusion[] }>;
}

/** The configured size limits of a context (IGNITE_MCP_MAX_CONTEXT_FILES / _BYTES). */
export function contextLimits(call: ToolCall): { maxFiles: number; maxTotalBytes: number } {
  return { maxFiles: call.deps.config.maxContextFiles, maxTotalBytes: call.deps.config.maxContextBytes };
}

/** The path as an existing archive when it names a regular file with an archive's extension; undefined otherwise. */
export async function existingArchiveAt(
  requestPath: string,
  roots: readonly string[],
  pathOptions: PathDialectOptions,
  /** The unpacked size a valid archive stays under (IGNITE_MCP_MAX_CONTEXT_BYTES, as for a folder). */
  maxUnpackedBytes?: number,
): Promise<ExistingArchive | undefined> {
  const { normalizeUserPath, openExistingArchive, resolveAllowedPath } = await packer();
  let normalised: string;
  try {
    normalised = normalizeUserPath(requestPath, pathOptions);
  } catch (err) {
    // A blank path or a file:// URL naming another host: the input, not the server, is at fault.
    const reason = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `not a usable path: ${JSON.stringify(requestPath.slice(0, 200))} (${reason})`,
      'Pass a folder or archive path on this machine (or a file:/// URL).',
      { code: 'INVALID_PATH', cause: err },
    );
  }
  if (!ARCHIVE_FILE_NAME.test(normalised)) return undefined;
  // The allowed-folder check comes first: nothing outside the roots is even looked at.
  const real = await resolveAllowedPath(requestPath, roots, pathOptions);
  const isFile = (await stat(real).catch(() => undefined))?.isFile();
  return isFile ? openExistingArchive(real, roots, pathOptions, { maxUnpackedBytes }) : undefined;
}

/** Opens the path as an existing archive or packs the folder, within the allowed folders. */
export async function prepareContext(call: ToolCall, request: ContextRequest): Promise<PreparedContext> {
  const roots = await call.allowedRoots();
  const pathOptions = { base: call.deps.cwd };
  return translateContextErrors(async () => {
    const archive = await existingArchiveAt(request.path, roots, pathOptions, call.deps.config.maxContextBytes);
    if (archive) {
      return {
        path: archive.path,
        kind: 'archive',
        format: archive.format,
        contentType: archive.contentType,
        fileCount: archive.entryCount,
        totalBytes: archive.sizeBytes,
        knownSizeBytes: archive.sizeBytes,
        ignoreSource: 'none (sent as is)',
        dockerfile: null,
        secretFilesSent: [],
        stream: archive.stream(),
        result: Promise.resolve({ digest: archive.digest, packedBytes: archive.sizeBytes, excluded: [] }),
      };
    }
    const packed = await (
      await packer()
    ).packContext({
      folder: request.path,
      allowedRoots: roots,
      pathOptions,
      dockerfile: request.dockerfile,
      includeSecretFiles: request.include_secret_files ?? [],
      limits: contextLimits(call),
      hardLinks: call.deps.config.hardLinks,
      format: request.format,
    });
    if (!packed.dockerfile.found) {
      await packed.stream[Symbol.asyncIterator]().return?.(undefined);
      if (packed.dockerfile.leftOut !== undefined) throw secretDockerfileError(packed.dockerfile.path, packed.dockerfile.leftOut);
      throw new UserError(
        `no Dockerfile at ${packed.dockerfile.path} in ${packed.folder}`,
        'Pass dockerfile with the right path relative to the folder, or add a Dockerfile (the build needs one).',
        { code: 'NO_DOCKERFILE' },
      );
    }
    return {
      path: packed.folder,
      kind: 'folder',
      format: packed.format,
      contentType: packed.contentType,
      fileCount: packed.fileCount,
      totalBytes: packed.totalBytes,
      knownSizeBytes: null,
      ignoreSource: packed.ignoreSource,
      dockerfile: packed.dockerfile,
      secretFilesSent: packed.secretFilesSent.map((file) => file.path),
      stream: packed.stream,
      result: packed.result,
    };
  });
}

export type SentContext = { kind: 'inline'; bytes: Uint8Array } | { kind: 'uploaded'; context_id: string; size_bytes: number };

/**
 * Sends a prepared context: inline when the caller allows it and the archive stays under 4 MB,
 * else streamed to UploadBuildContext in 512 KiB chunks with progress in bytes.
 */
export async function sendContext(call: ToolCall, prepared: PreparedContext, name: string, allowInline: boolean): Promise<SentContext> {
  return translateContextErrors(async () => {
    let stream: AsyncIterable<Uint8Array> = prepared.stream;
    if (allowInline) {
      const decision = await (await packer()).inlineIfSmall(stream);
      if (decision.kind === 'inline') return { kind: 'inline', bytes: decision.bytes };
      stream = decision.stream;
    }
    let sent = 0;
    const total = prepared.knownSizeBytes ?? undefined;
    async function* withProgress(): AsyncGenerator<Uint8Array> {
      for await (const chunk of (await packer()).uploadChunks(stream)) {
        yield chunk;
        sent += chunk.byteLength;
        await call.progress(sent, total, `uploaded ${sent} bytes`);
      }
    }
    const response = await call.deps.client.uploadBuildContext(
      { content_type: prepared.contentType, name, expected_size_bytes: prepared.knownSizeBytes ?? 0 },
      withProgress(),
      { signal: call.signal },
    );
    return { kind: 'uploaded', context_id: response.context_id, size_bytes: Number(response.size_bytes) };
  });
}

/** File system failures a wrong path or a wrong kind of file causes, as a person would say them. */
const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'it is not a folder (a folder with a Dockerfile, or a .tar.gz/.tgz/.zip archive, is needed)',
  EISDIR: 'it is a folder where a file was expected',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** Turns the packer's own errors and file system errors into UserErrors with a next step; everything else passes through. */
export async function translateContextErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const { ContextChangedError, ContextLimitError, InvalidArchiveError, PathNotAllowedError, PathOutsideContextError } = await packer();
    if (err instanceof PathOutsideContextError) {
      throw new UserError(
        err.message,
        'dockerfile and include_secret_files name files inside the context folder, relative to it (e.g. "Dockerfile" or "docker/Dockerfile").',
        { code: 'PATH_OUTSIDE_CONTEXT', cause: err },
      );
    }
    if (err instanceof PathNotAllowedError) {
      throw new UserError(
        err.message,
        "Use a path inside one of the allowed folders (the client's roots, --allowed-root / IGNITE_MCP_ALLOWED_ROOTS, or the server's working directory).",
        { code: 'PATH_NOT_ALLOWED', cause: err },
      );
    }
    if (err instanceof ContextLimitError)
      throw new UserError(err.message, 'Leave the largest files out with .dockerignore, then try again.', {
        code: 'CONTEXT_TOO_LARGE',
        cause: err,
      });
    if (err instanceof InvalidArchiveError)
      throw new UserError(
        err.message,
        'Pass a readable .tar.gz or .zip whose entries stay inside the archive, or pass the folder instead.',
        { code: 'INVALID_ARCHIVE', cause: err },
      );
    if (err instanceof ContextChangedError)
      throw new UserError(err.message, 'Wait until the folder stops changing, then try again.', { code: 'CONTEXT_CHANGED', cause: err });
    const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
    const reason = typeof code === 'string' && Object.hasOwn(FS_REASONS, code) ? FS_REASONS[code] : undefined;
    if (reason) {
      // Past the allowed-folder check, so the path is the user's own; Node's own wording would read as a crash.
      const where = (err as NodeJS.ErrnoException).path ?? 'the context';
      throw new UserError(
        `cannot read ${where}: ${reason}`,
        'Pass a folder containing a Dockerfile, or a .tar.gz/.tgz/.zip archive, inside the allowed folders.',
        { code: 'PATH_UNREADABLE', cause: err },
      );
    }
    throw err;
  }
}
