import path from 'node:path';
import type { CreateBuildRequest__Output } from '../../contract/generated/dodil/ignite/v1/CreateBuildRequest.js';
import type { BuildSourceSpec, BuildSpec } from './builds.js';
import type { LocalLimits } from '../limits.js';
import { URL_USER_INFO } from './build-output.js';
import { invalidArgument, notFound } from '../rpc/errors.js';
import type { ContextStore } from './contexts.js';
import { sniffArchive } from '../../archive/formats.js';

/** Docker's repository path grammar: lowercase components joined by `.`, `_`, `__` or dashes, split by `/`. */
const IMAGE_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const GIT_REFERENCE = /^[A-Za-z0-9_][A-Za-z0-9._/@+-]*$/;
const NO_SOURCE = 'exactly one source: context_id, zipped_code or git_source';

/** The CreateBuild request as a BuildSpec; what both entry points share is checked by `normalizeBuildSpec`. */
export function specFromRequest(request: CreateBuildRequest__Output, organization: string): BuildSpec {
  let source: BuildSourceSpec;
  switch (request.source) {
    case 'context_id':
      source = { kind: 'context', context_id: request.context_id ?? '' };
      break;
    case 'zipped_code':
      source = { kind: 'inline', archive: request.zipped_code ?? Buffer.alloc(0) };
      break;
    case 'git_source': {
      const git = request.git_source;
      source = { kind: 'git', url: git?.url ?? '', reference: git?.reference ?? '', context_dir: git?.context_dir ?? '' };
      break;
    }
    default:
      throw invalidArgument(NO_SOURCE);
  }
  const timeout = Number(request.timeout_secs || '0');
  return {
    organization_name: organization,
    name: request.name,
    dockerfile: request.dockerfile,
    tags: request.tags,
    build_args: { ...request.build_args },
    platform: request.platform,
    no_cache: request.no_cache,
    timeout_secs: Number.isSafeInteger(timeout) ? timeout : -1,
    source,
  };
}

/** Validates like the real service and fills in its documented defaults; throws RpcError. */
export function normalizeBuildSpec(spec: BuildSpec, limits: LocalLimits, contexts: ContextStore): BuildSpec {
  const name = spec.name.trim();
  if (!name) throw invalidArgument('name is required: the image name, e.g. "my-app"');
  if (name.length > 255 || !IMAGE_NAME.test(name)) {
    throw invalidArgument(`invalid image name "${spec.name}": use lowercase letters, digits, ".", "_" and "-", in "/"-separated segments`);
  }
  const tags = spec.tags.length > 0 ? [...new Set(spec.tags)] : ['latest'];
  for (const tag of tags) {
    if (!TAG.test(tag))
      throw invalidArgument(`invalid tag "${tag}": up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`);
  }
  const dockerfile = relativeInside(spec.dockerfile || 'Dockerfile', 'dockerfile');
  for (const key of Object.keys(spec.build_args)) {
    if (!key || key.includes('=')) throw invalidArgument(`invalid build arg name "${key}"`);
  }
  if (spec.timeout_secs < 0) throw invalidArgument('timeout_secs must be 0 (the default) or a positive number of seconds');
  if (spec.platform && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(spec.platform)) {
    throw invalidArgument(`invalid platform "${spec.platform}": expected os/arch[/variant], e.g. linux/amd64`);
  }
  return {
    ...spec,
    name,
    tags,
    dockerfile,
    timeout_secs: spec.timeout_secs || limits.defaultBuildTimeoutSecs,
    source: normalizeSource(spec, limits, contexts),
  };
}

function normalizeSource(spec: BuildSpec, limits: LocalLimits, contexts: ContextStore): BuildSourceSpec {
  const source = spec.source;
  switch (source.kind) {
    case 'context': {
      if (!source.context_id) throw invalidArgument(`context_id is empty; ${NO_SOURCE}`);
      if (!contexts.get(source.context_id, spec.organization_name)) {
        throw notFound(`build context "${source.context_id}" not found; upload it with UploadBuildContext first`);
      }
      return source;
    }
    case 'inline': {
      if (source.archive.length === 0) throw invalidArgument(`zipped_code is empty; ${NO_SOURCE}`);
      if (source.archive.length >= limits.inlineContextBytes) {
        throw invalidArgument(
          `zipped_code is ${source.archive.length} bytes; inline contexts must be under ${limits.inlineContextBytes} bytes (4 MB). ` +
            'Upload the archive with UploadBuildContext and pass its context_id instead',
        );
      }
      const format = sniffArchive(source.archive);
      if (format !== 'gzip' && format !== 'zip') throw invalidArgument('zipped_code must be a tar.gz or zip archive');
      return source;
    }
    case 'git': {
      const url = source.url.trim();
      if (!url) throw invalidArgument('git_source.url is required');
      if (url.startsWith('-') || /^ext::/i.test(url)) throw invalidArgument(`git_source.url "${url}" is not a repository URL`);
      const reference = source.reference.trim() || 'main';
      if (!GIT_REFERENCE.test(reference) || reference.includes('..')) {
        throw invalidArgument(`git_source.reference "${source.reference}" is not a valid branch, tag or commit`);
      }
      const contextDir = source.context_dir ? relativeInside(source.context_dir, 'git_source.context_dir') : '';
      return { ...source, url, reference, context_dir: contextDir };
    }
  }
}

/** A path relative to a root that cannot climb out of it. */
function relativeInside(value: string, field: string): string {
  const clean = path.posix.normalize(value.replace(/\\/g, '/'));
  if (value.includes('\0') || path.posix.isAbsolute(clean) || clean === '..' || clean.startsWith('../')) {
    throw invalidArgument(`${field} "${value}" must be a path inside the build context`);
  }
  return clean;
}

/** Values the build's log must never show: build secrets, git tokens, a password inside the git URL. */
export function secretValues(spec: BuildSpec, buildSecrets: Record<string, string> = {}, gitPassword = ''): string[] {
  const values = [...Object.values(buildSecrets), gitPassword];
  if (spec.source.kind === 'git') {
    values.push(spec.source.credentials?.password ?? '');
    const userInfo = URL_USER_INFO.exec(spec.source.url)?.[2] ?? '';
    const password = userInfo.includes(':') ? userInfo.slice(userInfo.indexOf(':') + 1) : '';
    values.push(password, decodeURIComponentSafe(password));
  }
  return values.filter((value) => value.length > 0);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The Build's `source` echo: "context:<id>", "inline" or "git:<url>#<reference>" with no credentials in the URL. */
export function describeSource(spec: BuildSpec): string {
  const source = spec.source;
  if (source.kind === 'context') return `context:${source.context_id}`;
  if (source.kind === 'inline') return 'inline';
  return `git:${source.url.replace(URL_USER_INFO, '$1')}#${source.reference}`;
}
