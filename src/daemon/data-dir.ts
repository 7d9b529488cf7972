/**
 * Makes sure the data directory is a private folder we can use, with an error a person can act on
 * when it is not, in bounded time. Node's `mkdirSync(dir, { recursive: true })` is not used for
 * it: under /proc (where mkdir answers ENOENT although the parent exists) it retries forever in
 * C++, at 100% CPU and deaf to SIGTERM. Each missing folder is made one at a time instead, on a
 * filesystem first checked to hold files at all, and the whole check runs under a time limit
 * (async, so a hung network mount cannot freeze the process).
 */
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, readlink, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../shared/errors.js';

export interface PreparedDataDir {
  /** Set when an existing folder had group or other permissions and was made 0700. */
  tightenedFrom?: number;
  created: boolean;
}

export interface PrepareOptions {
  /** How long the checks may take before the folder is declared unusable (default 10 s). */
  timeoutMs?: number;
  /** What the folder is called in messages, e.g. "--data-dir" or "IGNITE_MCP_DATA_DIR". */
  setting?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Kernel filesystems that hold no files of ours (statfs magic numbers from linux/magic.h). */
const PSEUDO_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0x1cd1, 'devpts'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
]);

const HINT = 'Pick a folder of your own on a local disk with --data-dir (or IGNITE_MCP_DATA_DIR), e.g. ~/.local/share/ignite-mcp.';

/** Creates the data directory (0700) if needed and checks it is a folder of ours; throws a UserError otherwise. */
export async function prepareDataDir(dir: string, options: PrepareOptions = {}): Promise<PreparedDataDir> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const setting = options.setting ?? 'the data directory';
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UserError(
            `${setting} ${dir} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}: creating or reading it never returned (a hung network filesystem?)`,
            HINT,
          ),
        ),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([prepare(dir, setting), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function prepare(dir: string, setting: string): Promise<PreparedDataDir> {
  if (!path.isAbsolute(dir)) throw new UserError(`${setting} ${dir} is not an absolute path`, HINT);
  const missing: string[] = [];
  let existing = path.resolve(dir);
  // Walk up to the nearest folder that exists, saying exactly which part of the path is wrong.
  for (;;) {
    const kind = await kindOf(existing);
    if (kind === 'folder') break;
    if (kind === 'missing') {
      missing.unshift(existing);
      existing = path.dirname(existing);
      continue;
    }
    const where = existing === dir ? `${setting} ${dir}` : `${existing} (in ${setting} ${dir})`;
    if (kind === 'file') throw new UserError(`${where} is a file, not a folder`, HINT);
    if (kind === 'dangling') {
      const target = await readlink(existing).catch(() => '?');
      throw new UserError(
        `${where} is a symbolic link to ${target}, which does not exist`,
        `Create ${target}, or pick another folder with --data-dir (or IGNITE_MCP_DATA_DIR).`,
      );
    }
    if (kind === 'loop') throw new UserError(`${where} is a symbolic link that loops`, HINT);
    throw new UserError(`${where} cannot be read: ${kind}`, HINT);
  }
  const fsType = await statfs(existing)
    .then((info) => PSEUDO_FILESYSTEMS.get(info.type))
    .catch(() => undefined);
  if (fsType) throw new UserError(`${setting} ${dir} is on the kernel's ${fsType} filesystem, which cannot hold files`, HINT);
  for (const folder of missing) {
    try {
      await mkdir(folder, { mode: 0o700 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await kindOf(folder)) === 'folder') continue;
      const why =
        code === 'EACCES' || code === 'EPERM'
          ? `you may not create folders in ${path.dirname(folder)}`
          : code === 'EROFS'
            ? 'the filesystem is read-only'
            : code === 'ENOENT'
              ? `${path.dirname(folder)} exists but its filesystem refuses new folders`
              : code === 'ENOSPC'
                ? 'the disk is full'
                : (code ?? 'unknown error');
      throw new UserError(`cannot create ${setting} ${dir}: ${why}`, HINT);
    }
  }
  return { ...(await makePrivate(dir, setting)), created: missing.length > 0 };
}

/** The folder must be ours and closed to everyone else; wider permissions (older versions made it 0755) are tightened. */
async function makePrivate(dir: string, setting: string): Promise<{ tightenedFrom?: number }> {
  const info = await stat(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UserError(
      `${setting} ${dir} belongs to user id ${info.uid}, not to you (${uid}); the local Ignite keeps its state only in a folder of its own user`,
      HINT,
    );
  }
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new UserError(`${setting} ${dir} is not writable`, HINT);
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o077) === 0) return {};
  await chmod(dir, 0o700);
  return { tightenedFrom: mode };
}

type Kind = 'folder' | 'file' | 'missing' | 'dangling' | 'loop' | string;

async function kindOf(file: string): Promise<Kind> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'folder' : 'file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'loop';
    // A path through a file: walking up finds that file and names it.
    if (code === 'ENOTDIR') return 'missing';
    if (code !== 'ENOENT') return code ?? 'unreadable';
    const link = await lstat(file).catch(() => undefined);
    return link?.isSymbolicLink() ? 'dangling' : 'missing';
  }
}
