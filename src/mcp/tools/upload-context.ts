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

export const uploadContextTool = defineTool({
  name: 'upload_context',
  title: 'Upload a build context',
  description: `Packs a folder as \`docker build\` sees it (.dockerignore honoured, secret-shaped files such as .env left out unless in include_secret_files), or takes a .tar.gz/.zip as is (its own .dockerignore still applies), and uploads it. Use it for a big context, or dry_run to see what would go and what is left out.
Next: create_build with the context_id.`,
  input: {
    ...contextInputShape,
    name: z.string().min(1).max(200).optional().describe('Default: the folder or file name'),
    dry_run: z.boolean().default(false),
  },
  output: {
    context_id: z.string().nullable(),
    secret_files_left_out: z.array(z.string()),
    manifest: z.looseObject({}).nullable().describe('The plan of a dry run'),
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
        const ignored = await translateContextErrors(async () =>
          (await packer()).archiveIgnoreReport(archivePath, format, args.dockerfile),
        );
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
            // Informational: the archive is sent as is, and the build applies its own ignore file.
            ignored_at_build: ignored.file ? { file: ignored.file, count: ignored.excludedCount, examples: ignored.examples } : null,
          },
          text: [
            `dry run of the archive ${archivePath}: ${entryCount} entries, ${sizeBytes} bytes (${format}, ${digest}), sent as is`,
            ignored.excludedCount > 0
              ? `its own ${ignored.file} still applies at build time and leaves out ${ignored.excludedCount} file${ignored.excludedCount === 1 ? '' : 's'}: ${ignored.examples.join(', ')}${ignored.excludedCount > ignored.examples.length ? ', …' : ''}`
              : '',
            'next: upload_context without dry_run, or create_build with this path',
          ]
            .filter(Boolean)
            .join('\n'),
        };
      }
      const { planContext, DEFAULT_SKIP_NAMES } = await packer();
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
          `${describeIgnoreRules(manifest.ignoreFile, DEFAULT_SKIP_NAMES)}; Dockerfile ${dockerfileState(manifest.dockerfile)} at "${manifest.dockerfile.path}"`,
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

/** Which rules left files out, e.g. "ignore rules from .dockerignore". */
function describeIgnoreRules(file: string | null, skipNames: readonly string[]): string {
  return file ? `ignore rules from ${file}` : `no .dockerignore: the default skip list (${skipNames.join(', ')})`;
}

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
