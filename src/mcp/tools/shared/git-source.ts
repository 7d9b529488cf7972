/**
 * A git source as the tools take it (create_build's git_url, save_image_draft's git_url). A remote URL
 * (https, ssh, `git@host:path`) is cloned by Ignite from the network and is not ours to check. A local
 * path or file:// URL is a folder on this machine, so it gets the same check as `path`: resolved, links
 * followed, and inside the allowed folders, together with every place git would read the repository
 * from (a `.git` file pointing elsewhere, a worktree's common directory, object alternates). The
 * resolved path, not what was typed, is what Ignite is asked to clone.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../../shared/errors.js';
import type { ToolCall } from '../define-tool.js';
import { packer, translateContextErrors } from './context-source.js';

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Whether git would fetch this over the network: `scheme://` other than file://, or scp-like `[user@]host:path`. */
export function isRemoteGitUrl(url: string): boolean {
  const scheme = SCHEME.exec(url);
  if (scheme) return scheme[1]!.toLowerCase() !== 'file';
  // git's own rule for the scp-like form: a colon before any slash; `C:\…` is a Windows path, `a::b` a remote helper.
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  return colon > 1 && (slash === -1 || colon < slash) && url[colon + 1] !== ':' && !/^[A-Za-z]:[\\/]/.test(url);
}

const GIT_FILE_BYTES = 64 * 1024;

async function smallText(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text !== null && text.length <= GIT_FILE_BYTES ? text : null;
}

/** Where git reads a repository's objects from, beyond the repository folder itself. */
async function gitPlaces(repo: string, inside: (place: string) => Promise<string>): Promise<void> {
  const dotGit = await smallText(path.join(repo, '.git'));
  const pointer = dotGit === null ? null : /^gitdir:\s*(.+?)\s*$/m.exec(dotGit)?.[1];
  const gitDir = pointer ? await inside(path.resolve(repo, pointer)) : repo;
  const common = (await smallText(path.join(gitDir, 'commondir')))?.trim();
  const dirs = [gitDir, path.join(repo, '.git'), ...(common ? [await inside(path.resolve(gitDir, common))] : [])];
  for (const dir of dirs) {
    const objects = path.join(dir, 'objects');
    const alternates = await smallText(path.join(objects, 'info', 'alternates'));
    for (const line of alternates?.split('\n') ?? []) {
      if (line.trim() !== '' && !line.startsWith('#')) await inside(path.resolve(objects, line.trim()));
    }
  }
}

/**
 * The URL to send for `url`: remote URLs as given; local ones as the real path of the repository, once it
 * and every place git would read it from are inside the allowed folders (PATH_NOT_ALLOWED otherwise).
 */
export async function checkedGitUrl(call: ToolCall, url: string): Promise<string> {
  if (isRemoteGitUrl(url)) return url;
  const roots = await call.allowedRoots();
  const pathOptions = { base: call.deps.cwd };
  return translateContextErrors(async () => {
    const { normalizeUserPath, resolveAllowedPath } = await packer();
    try {
      normalizeUserPath(url, pathOptions);
    } catch (err) {
      // A malformed file:// URL (a stray "%") or a blank path: the input, not the server, is at fault.
      const reason = err instanceof Error ? err.message : String(err);
      throw new UserError(
        `not a usable git_url: ${JSON.stringify(url.slice(0, 200))} (${reason})`,
        'Pass an https:// or ssh URL, or a repository folder on this machine (or its file:/// URL) inside the allowed folders.',
        {
          code: 'INVALID_PATH',
          cause: err,
        },
      );
    }
    const repo = await resolveAllowedPath(url, roots, pathOptions);
    await gitPlaces(repo, (place) => resolveAllowedPath(place, roots, pathOptions));
    return repo;
  });
}

/** A git source cannot carry include_secret_files: its files are left out where the clone is made. */
export function refuseSecretIncludesForGit(includes: readonly string[] | undefined): void {
  if (includes === undefined || includes.length === 0) return;
  throw new UserError(
    'include_secret_files applies to a folder (path), not to a git source',
    'The local Ignite leaves secret-shaped files out of a cloned repository and cannot be told otherwise; pass the folder as path to send them.',
    { code: 'INVALID_INPUT' },
  );
}
