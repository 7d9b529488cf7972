import path from 'node:path';
import { z } from 'zod';
import { ARCHIVE_FILE_NAME } from '../../archive/formats.js';
import {
  contextInputShape,
  contextLimits,
  existingArchiveAt,
  packer,
  prepareContext,
  sendContext,
  translateContextErrors,
} from './shared/context-source.js';
import { secretFileLines, summarizeExclusions } from './shared/exclusions.js';
import { defineTool } from './define-tool.js';

const manifestShape = z
  .object({
    file_count: z.number().int(),
    total_bytes: z.number().int(),
    packed_bytes: z.number().int().nullable(),
    fits_inline: z.boolean().nullable().describe('Under 4 MB packed: create_build may send it inline'),
    largest_files: z.array(z.object({ path: z.string(), bytes: z.number().int() })),
    ignore_source: z.string().describe('.dockerignore, or the default skip list (.git, node_modules, __pycache__, target, .venv)'),
    dockerfile: z.object({ path: z.string(), found: z.boolean() }),
    left_out: z
      .array(z.object({ path: z.string(), reason: z.string() }))
      .describe('What was left out and why; every secret, outside symlink, hard link and special file is named'),
    left_out_not_listed: z.number().int().describe('Paths left out by ignore rules beyond the first 100'),
    hard_links: z.array(z.string()).describe('Files with more than one name on disk (packed; IGNITE_MCP_HARDLINKS=refuse leaves them out)'),
    secret_files_sent: z.array(z.string()).describe('Secret-shaped files sent because include_secret_files named them'),
  })
  .nullable();

export const uploadContextTool = defineTool({
  name: 'upload_context',
  title: 'Upload a build context',
  description: `Packs a local folder exactly as \`docker build\` would see it (.dockerignore honoured; secret-shaped files such as .env and private keys left out unless named in include_secret_files) and streams it to Ignite, or sends an existing .tar.gz/.zip as is. Returns a context_id for create_build.
Set dry_run to see what would be sent without uploading: file count, sizes, the largest files, what was left out and why, and whether the Dockerfile was found.
Reads only inside the allowed folders. Sends progress (bytes uploaded) if you asked for progress.
Next: create_build with the context_id.`,
  input: {
    ...contextInputShape,
    name: z.string().min(1).max(200).optional().describe('A name for the upload; defaults to the folder or file name'),
    dry_run: z.boolean().default(false),
  },
  output: {
    context_id: z.string().nullable().describe('Null for a dry run'),
    path: z.string().describe('The normalised path that was read'),
    format: z.string(),
    content_type: z.string(),
    digest: z.string().nullable().describe('sha256 of the archive bytes; the same folder gives the same digest'),
    packed_bytes: z.number().int().nullable(),
    file_count: z.number().int(),
    left_out_counts: z.record(z.string(), z.number().int()),
    secret_files_left_out: z.array(z.string()),
    manifest: manifestShape,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: () => 'upload again: an upload only adds an unused context, so repeating it is harmless',
  async run(args, call) {
    if (args.dry_run) {
      const roots = await call.allowedRoots();
      // An archive is sent as is: its dry run describes the file instead of planning a folder.
      const archive = await translateContextErrors(() =>
        existingArchiveAt(args.path, roots, { base: call.deps.cwd }, call.deps.config.maxContextBytes),
      );
      if (archive) {
        const { path: archivePath, format, contentType, digest, sizeBytes, entryCount } = archive;
        return {
          structured: {
            context_id: null,
            path: archivePath,
            format,
            content_type: contentType,
            digest,
            packed_bytes: sizeBytes,
            file_count: entryCount,
            left_out_counts: {},
            secret_files_left_out: [],
            manifest: null,
          },
          text: `dry run of the archive ${archivePath}: ${entryCount} entries, ${sizeBytes} bytes (${format}, ${digest}), sent as is\nnext: upload_context without dry_run, or create_build with this path`,
        };
      }
      const { planContext } = await packer();
      const manifest = await translateContextErrors(() =>
        planContext({
          folder: args.path,
          allowedRoots: roots,
          pathOptions: { base: call.deps.cwd },
          dockerfile: args.dockerfile,
          includeSecretFiles: args.include_secret_files ?? [],
          limits: contextLimits(call),
          hardLinks: call.deps.config.hardLinks,
          format: args.format,
        }),
      );
      const exclusions = {
        left_out_counts: manifest.excludedCounts as Record<string, number>,
        secret_files_left_out: manifest.secretFilesLeftOut.map((e) => e.path),
      };
      return {
        structured: {
          context_id: null,
          path: manifest.folder,
          format: manifest.format,
          content_type: manifest.contentType,
          digest: manifest.digest,
          packed_bytes: manifest.packedBytes,
          file_count: manifest.fileCount,
          ...exclusions,
          manifest: {
            file_count: manifest.fileCount,
            total_bytes: manifest.totalBytes,
            packed_bytes: manifest.packedBytes,
            fits_inline: manifest.fitsInline,
            largest_files: manifest.largestFiles.map((f) => ({ path: f.path, bytes: f.size })),
            ignore_source: manifest.ignoreFile ?? manifest.ignoreSource,
            dockerfile: { path: manifest.dockerfile.path, found: manifest.dockerfile.found },
            left_out: manifest.excluded.map((e) => ({ path: e.path, reason: e.detail ? `${e.reason}: ${e.detail}` : e.reason })),
            left_out_not_listed: manifest.excludedNotListed,
            hard_links: manifest.hardLinks.map((file) => file.path),
            secret_files_sent: manifest.secretFilesSent.map((file) => file.path),
          },
        },
        text: [
          `dry run of ${manifest.folder}: ${manifest.fileCount} files, ${manifest.totalBytes} bytes, ${manifest.packedBytes ?? '?'} bytes packed (${manifest.format})`,
          `ignore rules: ${manifest.ignoreFile ?? manifest.ignoreSource}; Dockerfile ${manifest.dockerfile.path} ${dockerfileState(manifest.dockerfile)}`,
          `left out: ${describeCounts(exclusions.left_out_counts)}`,
          ...manifest.excluded
            .filter((e) => e.reason !== 'dockerignore' && e.reason !== 'default-skip-list')
            .map((e) => `  ${e.path}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`),
          ...secretFileLines(
            [],
            manifest.secretFilesSent.map((file) => file.path),
          ),
          manifest.hardLinks.length
            ? `files with more than one name (hard links, packed; their other names may be outside the folder): ${manifest.hardLinks.map((file) => file.path).join(', ')}`
            : '',
          'next: upload_context without dry_run, or create_build with this path',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    }
    const prepared = await prepareContext(call, args);
    const name = args.name ?? path.basename(prepared.path).replace(ARCHIVE_FILE_NAME, '');
    const sent = await sendContext(call, prepared, name, false);
    if (sent.kind !== 'uploaded') throw new Error('an upload was requested but the context was not uploaded');
    const { digest, packedBytes, excluded } = await prepared.result;
    const exclusions = summarizeExclusions(excluded);
    return {
      structured: {
        context_id: sent.context_id,
        path: prepared.path,
        format: prepared.format,
        content_type: prepared.contentType,
        digest,
        packed_bytes: packedBytes,
        file_count: prepared.fileCount,
        ...exclusions,
        manifest: null,
      },
      text: [
        `uploaded ${prepared.path} as context ${sent.context_id}: ${prepared.fileCount} files, ${packedBytes} bytes (${prepared.format}, ${digest})`,
        ...secretFileLines(exclusions.secret_files_left_out, prepared.secretFilesSent),
        `next: create_build with context_id "${sent.context_id}"`,
      ]
        .filter(Boolean)
        .join('\n'),
    };
  },
});

function dockerfileState(dockerfile: { found: boolean; leftOut?: string }): string {
  if (dockerfile.leftOut !== undefined)
    return `LEFT OUT as secret-shaped (${dockerfile.leftOut}; name it in include_secret_files to send it)`;
  return dockerfile.found ? 'found' : 'NOT FOUND';
}

/** e.g. "3 dockerignore, 1 secret-file", or "nothing". */
function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([reason, count]) => `${count} ${reason}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
