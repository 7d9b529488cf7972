import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import { buildLogsUri, buildUri } from '../resources/build-uris.js';
import { summarizeBuild } from './shared/build-summary.js';
import { stringMapInput } from './shared/schemas.js';
import { contextInputShape, prepareContext, sendContext } from './shared/context-source.js';
import { secretFileLines, summarizeExclusions } from './shared/exclusions.js';
import { checkedGitUrl, refuseSecretIncludesForGit } from './shared/git-source.js';
import { defineTool } from './define-tool.js';
import { getBuildTool } from './get-build.js';

const imageName = z
  .string()
  .max(200)
  .regex(
    /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
    'an image name is lowercase letters, digits, ".", "_", "-" and "/" segments',
  );

const sourceShape = z.object({
  kind: z.enum(['context_id', 'inline', 'uploaded', 'git']),
  path: z.string().nullable(),
  context_id: z.string().nullable(),
  packed_bytes: z.number().int().nullable(),
  digest: z.string().nullable(),
  secret_files_left_out: z.array(z.string()),
});
const sourceOutput = z.looseObject({ secret_files_left_out: sourceShape.shape.secret_files_left_out });

export const createBuildTool = defineTool({
  name: 'create_build',
  title: 'Start an image build',
  description: `Starts an image build and returns its build_id at once; it runs in the background. Use it to make an image for save_image_draft. One source: context_id, path (a folder or archive; inline under 4 MB, else uploaded) or git_url (+ git_ref, git_dir).
Next: get_build with wait_seconds 50 until terminal, then save_image_draft with the build_id.`,
  input: {
    name: imageName,
    context_id: z.string().min(1).max(200).optional(),
    path: contextInputShape.path.optional(),
    git_url: z.string().min(1).max(2048).optional(),
    git_ref: z.string().min(1).max(256).optional().describe('Branch, tag or commit; default main'),
    git_dir: z.string().min(1).max(1024).optional(),
    dockerfile: contextInputShape.dockerfile,
    include_secret_files: contextInputShape.include_secret_files,
    format: contextInputShape.format,
    tags: z
      .array(
        z
          .string()
          .max(128)
          .regex(/^[\w][\w.-]*$/, 'a tag is letters, digits, "_", "." and "-"'),
      )
      .max(16)
      .optional()
      .describe('Default ["latest"]'),
    build_args: stringMapInput.optional(),
    platform: z.string().max(64).optional().describe('e.g. linux/amd64'),
    no_cache: z.boolean().default(false),
    timeout_secs: z.number().int().min(0).max(86_400).default(0).describe('0: the platform default'),
  },
  output: {
    build_id: z.string(),
    source: sourceOutput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ name }) => `call list_builds with name "${name}" to see whether the build started`,
  // As a task the call follows its build, and the task's result is the build as it ended.
  task: {
    startedBuild: (structured) =>
      typeof structured.build_id === 'string' ? { tool: 'create_build', build: structured.build_id } : undefined,
    async settle(ref, call) {
      const ended = await getBuildTool.run({ build_id: ref.build, wait_seconds: 0 }, call);
      return {
        structured: { build_id: ref.build, source: { secret_files_left_out: [] }, ...ended.structured },
        text: ended.text,
      };
    },
  },
  async run(args, call) {
    const given = [args.context_id, args.path, args.git_url].filter((value) => value !== undefined).length;
    if (given !== 1) {
      throw new UserError(
        `create_build needs exactly one source, got ${given === 0 ? 'none' : given}`,
        'Pass one of: context_id (from upload_context), path (a folder or .tar.gz/.zip), or git_url.',
        { code: 'INVALID_INPUT' },
      );
    }
    const common = {
      name: args.name,
      dockerfile: args.dockerfile,
      tags: args.tags ?? [],
      build_args: args.build_args ?? {},
      platform: args.platform ?? '',
      no_cache: args.no_cache,
      timeout_secs: args.timeout_secs,
    };
    let source: z.output<typeof sourceShape>;
    let request;
    let secretFilesSent: string[] = [];
    if (args.context_id) {
      source = { kind: 'context_id', path: null, context_id: args.context_id, packed_bytes: null, digest: null, secret_files_left_out: [] };
      request = { ...common, context_id: args.context_id };
    } else if (args.git_url) {
      source = { kind: 'git', path: null, context_id: null, packed_bytes: null, digest: null, secret_files_left_out: [] };
      refuseSecretIncludesForGit(args.include_secret_files);
      const url = await checkedGitUrl(call, args.git_url);
      request = { ...common, git_source: { url, reference: args.git_ref ?? '', context_dir: args.git_dir ?? '' } };
    } else {
      const prepared = await prepareContext(call, {
        path: args.path!,
        dockerfile: args.dockerfile,
        include_secret_files: args.include_secret_files,
        format: args.format,
      });
      const sent = await sendContext(call, prepared, args.name, true);
      const { digest, packedBytes, excluded } = await prepared.result;
      const { secret_files_left_out } = summarizeExclusions(excluded);
      secretFilesSent = prepared.secretFilesSent;
      if (sent.kind === 'inline') {
        source = { kind: 'inline', path: prepared.path, context_id: null, packed_bytes: packedBytes, digest, secret_files_left_out };
        request = { ...common, zipped_code: Buffer.from(sent.bytes.buffer, sent.bytes.byteOffset, sent.bytes.byteLength) };
      } else {
        source = {
          kind: 'uploaded',
          path: prepared.path,
          context_id: sent.context_id,
          packed_bytes: packedBytes,
          digest,
          secret_files_left_out,
        };
        request = { ...common, context_id: sent.context_id };
      }
    }
    const response = await call.deps.client.createBuild(request, { signal: call.signal });
    if (!response.build) throw new Error('CreateBuild returned no build record');
    const build = summarizeBuild(response.build);
    return {
      structured: { build_id: response.build_id, build, source },
      text: [
        `build ${response.build_id} started (${build.status}) for ${args.name}${source.path ? ` from ${source.path} (${source.kind}, ${source.packed_bytes} bytes)` : ''}`,
        ...secretFileLines(source.secret_files_left_out, secretFilesSent),
        `next: get_build with build_id "${response.build_id}" and wait_seconds 50`,
      ]
        .filter(Boolean)
        .join('\n'),
      links: [
        { type: 'resource_link', uri: buildLogsUri(response.build_id), name: `build ${response.build_id} log`, mimeType: 'text/plain' },
        { type: 'resource_link', uri: buildUri(response.build_id), name: `build ${response.build_id}`, mimeType: 'application/json' },
      ],
    };
  },
});
