import { createHash } from 'node:crypto';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { CodeSource__Output } from '../../contract/generated/dodil/ignite/v1/CodeSource.js';
import type { ImageFromCode__Output } from '../../contract/generated/dodil/ignite/v1/ImageFromCode.js';
import type { ImageFromGit__Output } from '../../contract/generated/dodil/ignite/v1/ImageFromGit.js';
import type { BuildSourceSpec, BuildSpec } from '../builder/builds.js';
import type { LocalLimits } from '../limits.js';
import { RpcError, invalidArgument } from '../rpc/errors.js';
import type { SecretVault } from '../secret/vault.js';
import { canonicalJson } from '../builder/digest.js';
import { draftTag } from './draft-builds.js';
import { parseImageRef } from './image-ref.js';
import { requireSecret } from './secret-refs.js';

/** A checked draft source: either an image to run as-is, or a build that makes one. */
export type DraftPlan =
  | { code_kind: 'CODE_KIND_PREBUILT'; code_hash: string; image_ref: string; registry_secret_ref: string }
  | { code_kind: 'CODE_KIND_UPLOAD_IMAGE' | 'CODE_KIND_GIT_IMAGE'; code_hash: string; build: BuildSpec };

/** Who the draft is for, and what checking its source needs. */
export interface PlanInputs {
  organization: string;
  appName: string;
  vault: SecretVault;
  limits: LocalLimits;
}

/** Validates `code` as the real service's SaveDraft does; nothing is stored or started here. */
export function planDraft(code: CodeSource__Output | null, inputs: PlanInputs): DraftPlan {
  if (!code?.source) throw invalidArgument('code is required: set code.image to exactly one of prebuilt, from_code or from_git');
  if (code.source === 'compile') {
    // UNIMPLEMENTED: the request is valid for the real service; this server lacks the feature.
    throw new RpcError(
      grpc.status.UNIMPLEMENTED,
      'code.compile (managed runtimes: python, rust, go, deno) is not implemented by the local Ignite, which runs image mode only; use code.image (prebuilt, from_code or from_git) or the real Ignite',
    );
  }
  const image = code.image;
  if (!image?.source) throw invalidArgument('code.image must set exactly one of prebuilt, from_code or from_git');
  if (image.source === 'prebuilt' && image.prebuilt) {
    const { image_ref, registry_secret_ref } = image.prebuilt;
    parseImageRef(image_ref, 'code.image.prebuilt.image_ref');
    if (registry_secret_ref)
      requireSecret(inputs.vault, inputs.organization, registry_secret_ref, 'code.image.prebuilt.registry_secret_ref', 'registry_secret');
    const code_hash = hashOf({ kind: 'prebuilt', image_ref, registry_secret_ref });
    return { code_kind: 'CODE_KIND_PREBUILT', code_hash, image_ref, registry_secret_ref };
  }
  if (image.source === 'from_code' && image.from_code) return planFromCode(image.from_code, inputs);
  if (image.source === 'from_git' && image.from_git) return planFromGit(image.from_git, inputs);
  throw invalidArgument('code.image must set exactly one of prebuilt, from_code or from_git');
}

function planFromCode(source: ImageFromCode__Output, inputs: PlanInputs): DraftPlan {
  const field = 'code.image.from_code';
  let buildSource: BuildSourceSpec;
  let contextHash: string;
  if (source.context === 'archive' && source.archive && source.archive.length > 0) {
    if (source.archive.length >= inputs.limits.inlineContextBytes) {
      throw invalidArgument(
        `${field}.archive is ${source.archive.length} bytes; inline archives must be under ${inputs.limits.inlineContextBytes} bytes (4 MB). ` +
          'Upload the context with BuildService.UploadBuildContext and pass its context_id instead',
      );
    }
    buildSource = { kind: 'inline', archive: source.archive };
    contextHash = createHash('sha256').update(source.archive).digest('hex');
  } else if (source.context === 'context_id' && source.context_id) {
    buildSource = { kind: 'context', context_id: source.context_id };
    contextHash = `context:${source.context_id}`;
  } else {
    throw invalidArgument(
      `${field} needs a build context: archive (a tar.gz or zip under 4 MB) or context_id (from BuildService.UploadBuildContext)`,
    );
  }
  const dockerfile = relativePath(source.dockerfile_path || 'Dockerfile', `${field}.dockerfile_path`);
  const code_hash = hashOf({ kind: 'from_code', context: contextHash, dockerfile, build_args: source.build_args });
  return {
    code_kind: 'CODE_KIND_UPLOAD_IMAGE',
    code_hash,
    build: buildSpec(inputs, code_hash, dockerfile, source.build_args, buildSource),
  };
}

function planFromGit(source: ImageFromGit__Output, inputs: PlanInputs): DraftPlan {
  const field = 'code.image.from_git';
  const url = source.url.trim();
  if (!url) throw invalidArgument(`${field}.url is required: the repository to clone, e.g. "https://github.com/acme/my-app.git"`);
  const reference = source.reference.trim() || 'main';
  const context_dir = source.sub_path ? relativePath(source.sub_path, `${field}.sub_path`) : '';
  const dockerfile = relativePath(source.dockerfile_path || 'Dockerfile', `${field}.dockerfile_path`);
  let credentials: { username: string; password: string } | undefined;
  if (source.secret_ref) {
    const secret = requireSecret(inputs.vault, inputs.organization, source.secret_ref, `${field}.secret_ref`, 'git_secret');
    if (secret.git_secret) credentials = { username: secret.git_secret.username, password: secret.git_secret.token };
  }
  const code_hash = hashOf({ kind: 'from_git', url, reference, context_dir, dockerfile, secret_ref: source.secret_ref });
  const buildSource: BuildSourceSpec = { kind: 'git', url, reference, context_dir, ...(credentials ? { credentials } : {}) };
  return { code_kind: 'CODE_KIND_GIT_IMAGE', code_hash, build: buildSpec(inputs, code_hash, dockerfile, {}, buildSource) };
}

/** Draft builds are tagged by the source's hash, so the image ref says which draft made it. */
function buildSpec(
  inputs: PlanInputs,
  codeHash: string,
  dockerfile: string,
  buildArgs: Record<string, string>,
  source: BuildSourceSpec,
): BuildSpec {
  return {
    organization_name: inputs.organization,
    name: inputs.appName,
    dockerfile,
    tags: [draftTag({ code_hash: codeHash })],
    build_args: { ...buildArgs },
    platform: '',
    no_cache: false,
    timeout_secs: 0,
    source,
  };
}

/** A path inside the build context: relative, without "..". */
function relativePath(value: string, field: string): string {
  const normalized = path.posix.normalize(value.replace(/^\.\//, ''));
  if (value.startsWith('/') || normalized === '..' || normalized.startsWith('../') || /[\u0000-\u001f]/.test(value)) {
    throw invalidArgument(`${field} "${value.slice(0, 200)}" must be a relative path inside the build context, without ".."`);
  }
  return normalized;
}

/** "sha256:<hex>" of the source in canonical JSON (sorted keys), so equal sources hash equal. */
function hashOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
