import { z } from 'zod';
import type { ImageSource } from '../../contract/generated/dodil/ignite/v1/ImageSource.js';
import { UserError } from '../../shared/errors.js';
import { draftOutput, organizationFor, summarizeDraft } from './shared/app-summary.js';
import { shortBuildStatus } from './shared/build-summary.js';
import { contextInputShape, prepareContext, sendContext } from './shared/context-source.js';
import { noteDraftBuild } from './shared/draft-builds.js';
import { secretFileLines, summarizeExclusions } from './shared/exclusions.js';
import { checkedGitUrl } from './shared/git-source.js';
import { defineTool, type ToolCall } from './define-tool.js';
import { getDraftTool } from './get-draft.js';
import { appNameInput, buildIdInput, organizationInput, secretRefInput, stringMapInput } from './shared/schemas.js';

const SOURCES = ['build_id', 'image_ref', 'path', 'git_url'] as const;

export const saveImageDraftTool = defineTool({
  name: 'save_image_draft',
  title: 'Save a draft',
  description: `Saves the app's image-mode draft from one source: build_id (a SUCCEEDED build), image_ref (prebuilt; registry_secret_ref if private), path (a folder or archive Ignite builds; dockerfile, build_args) or git_url (git_ref, git_sub_path, dockerfile, secret_ref: a git secret). Use it after configure_app. path and git build in the background (build_id, for get_build).
Next: test_draft once ready (see next_step).`,
  input: {
    app_name: appNameInput,
    organization_name: organizationInput,
    build_id: buildIdInput.optional(),
    image_ref: z.string().min(1).max(512).optional().describe('Fully qualified; pin a tag or digest'),
    registry_secret_ref: secretRefInput.optional(),
    path: contextInputShape.path.optional(),
    dockerfile: contextInputShape.dockerfile,
    build_args: stringMapInput.optional(),
    include_secret_files: contextInputShape.include_secret_files,
    git_url: z.string().min(1).max(2048).optional(),
    git_ref: z.string().min(1).max(256).optional().describe('Branch, tag or commit; default main'),
    git_sub_path: z.string().min(1).max(1024).optional(),
    secret_ref: secretRefInput.optional(),
  },
  output: {
    draft: draftOutput,
    ready: z.boolean(),
    next_step: z.string(),
    secret_files_left_out: z.array(z.string()),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) => `call get_draft for "${app_name}" to see which draft is saved`,
  // From a folder or git the draft is built: as a task the call follows that build, and the result is the draft then.
  task: {
    startedBuild(structured, args, call) {
      const draft = structured.draft as { build_id?: string } | undefined;
      if (structured.ready || !draft?.build_id) return undefined;
      const org = (args.organization_name as string | undefined) ?? call.deps.organization;
      return { tool: 'save_image_draft', build: draft.build_id, app: String(args.app_name), ...(org ? { org } : {}) };
    },
    async settle(ref, call) {
      const shown = await getDraftTool.run({ app_name: ref.app!, ...(ref.org ? { organization_name: ref.org } : {}) }, call);
      const next_step = shown.structured.ready
        ? `test_draft for "${ref.app}", then publish_draft`
        : `get_build with build_id "${ref.build}" for why the draft has no image`;
      return { structured: { ...shown.structured, next_step, secret_files_left_out: [] }, text: `${shown.text}\nnext: ${next_step}` };
    },
  },
  async run(args, call) {
    const given = SOURCES.filter((key) => args[key] !== undefined);
    if (given.length !== 1) {
      throw new UserError(
        `save_image_draft needs exactly one source, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
        'Pass one of: build_id (a finished build), image_ref (a prebuilt image), path (a folder to build) or git_url (a repository to build).',
        { code: 'INVALID_INPUT' },
      );
    }
    const misplaced = misplacedOptions(args);
    if (misplaced.length > 0) {
      throw new UserError(
        `${misplaced.join(', ')} do not apply to the ${given[0]} source`,
        'Leave them out, or use the source they belong to.',
        { code: 'INVALID_INPUT' },
      );
    }
    const organization_name = organizationFor(call, args.organization_name);
    const { image, kind, notes = [], secretFilesLeftOut = [] } = await imageSource(call, args);
    const { draft } = await call.deps.client.saveDraft(
      { organization_name, app_name: args.app_name, code: { image } },
      { signal: call.signal },
    );
    if (!draft) throw new Error('SaveDraft returned no draft');
    const summary = summarizeDraft(draft);
    const ready = summary.image_ref !== '' && summary.error === '';
    if (summary.build_id && (kind === 'from_code' || kind === 'from_git')) noteDraftBuild(call.deps, summary.build_id, args.app_name);
    const next_step = ready
      ? `test_draft for "${args.app_name}", then publish_draft`
      : `get_build with build_id "${summary.build_id}" and wait_seconds 50, then test_draft`;
    return {
      structured: {
        app_name: args.app_name,
        source_kind: kind,
        draft: summary,
        ready,
        next_step,
        secret_files_left_out: secretFilesLeftOut,
      },
      text: [
        `saved the draft of ${args.app_name} (${summary.code_kind}) ${ready ? `running ${summary.image_ref}` : `building in build ${summary.build_id}`}`,
        ...notes,
        `next: ${next_step}`,
      ].join('\n'),
    };
  },
});

type Args = Parameters<typeof saveImageDraftTool.run>[0];

function misplacedOptions(args: Args): string[] {
  const out: string[] = [];
  if (args.registry_secret_ref && !args.image_ref) out.push('registry_secret_ref');
  if ((args.build_args || args.include_secret_files) && !args.path)
    out.push(...(args.build_args ? ['build_args'] : []), ...(args.include_secret_files ? ['include_secret_files'] : []));
  if ((args.git_ref || args.git_sub_path || args.secret_ref) && !args.git_url) out.push('git_ref/git_sub_path/secret_ref');
  return out;
}

async function imageSource(
  call: ToolCall,
  args: Args,
): Promise<{ image: ImageSource; kind: 'build' | 'prebuilt' | 'from_code' | 'from_git'; notes?: string[]; secretFilesLeftOut?: string[] }> {
  if (args.build_id) {
    const { build } = await call.deps.client.getBuild({ build_id: args.build_id }, { signal: call.signal });
    if (!build) throw new Error(`GetBuild returned no build record for ${args.build_id}`);
    if (build.status !== 'BUILD_STATUS_SUCCEEDED' || build.image_refs.length === 0) {
      throw new UserError(
        `build ${args.build_id} is ${shortBuildStatus(build.status)}${build.error ? ` (${build.error})` : ''}; only a SUCCEEDED build has an image`,
        build.status === 'BUILD_STATUS_RUNNING' || build.status === 'BUILD_STATUS_PENDING'
          ? `Wait with get_build (build_id "${args.build_id}", wait_seconds 50), then save the draft.`
          : 'Fix the build (read_build_logs mode "errors") and run create_build again.',
        { code: 'BUILD_NOT_READY' },
      );
    }
    return { image: { prebuilt: { image_ref: build.image_refs[0]!, registry_secret_ref: '' } }, kind: 'build', secretFilesLeftOut: [] };
  }
  if (args.image_ref)
    return {
      image: { prebuilt: { image_ref: args.image_ref, registry_secret_ref: args.registry_secret_ref ?? '' } },
      kind: 'prebuilt',
      secretFilesLeftOut: [],
    };
  if (args.git_url) {
    return {
      image: {
        from_git: {
          url: await checkedGitUrl(call, args.git_url),
          reference: args.git_ref ?? '',
          sub_path: args.git_sub_path ?? '',
          dockerfile_path: args.dockerfile,
          secret_ref: args.secret_ref ?? '',
        },
      },
      kind: 'from_git',
      secretFilesLeftOut: [],
    };
  }
  const prepared = await prepareContext(call, {
    path: args.path!,
    dockerfile: args.dockerfile,
    include_secret_files: args.include_secret_files,
    format: 'tar.gz',
  });
  const sent = await sendContext(call, prepared, args.app_name, true);
  const secretFilesLeftOut = summarizeExclusions((await prepared.result).excluded).secret_files_left_out;
  const notes = secretFileLines(secretFilesLeftOut, prepared.secretFilesSent);
  const from_code =
    sent.kind === 'inline'
      ? {
          archive: Buffer.from(sent.bytes.buffer, sent.bytes.byteOffset, sent.bytes.byteLength),
          dockerfile_path: args.dockerfile,
          build_args: args.build_args ?? {},
        }
      : { context_id: sent.context_id, dockerfile_path: args.dockerfile, build_args: args.build_args ?? {} };
  return { image: { from_code }, kind: 'from_code', notes, secretFilesLeftOut };
}
