import { spawn } from 'node:child_process';
import { chmod, lstat, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildFailure, checkAborted, redactUrl, type BuildOutput } from './build-output.js';
import { settleDirectoryModes } from './unpack-guard.js';

export interface GitCloneRequest {
  url: string;
  reference: string;
  contextDir: string;
  credentials?: { username: string; password: string };
  /** Where the clone goes; it must not exist yet. */
  dest: string;
  /** Scratch directory for the askpass helper (outside the clone). */
  scratch: string;
  /** The environment git starts from; credentials reach it only through the askpass helper below. */
  hostEnv: Readonly<Record<string, string>>;
  output: BuildOutput;
  signal: AbortSignal;
}

const FULL_SHA = /^[0-9a-f]{7,40}$/i;

/**
 * Clones with the system git, never prompting: credentials reach git only through an askpass
 * helper that reads them from its environment, so they are on no command line and in no file.
 * A branch or tag is cloned shallow; something that looks like a commit SHA needs a full clone
 * and a checkout, as `--branch` takes names only. Returns the context directory inside the clone.
 */
export async function cloneGitSource(request: GitCloneRequest): Promise<string> {
  const { output, reference } = request;
  output.system(`Cloning ${redactUrl(request.url)} (reference ${reference})`);
  const askpass = path.join(request.scratch, 'git-askpass.sh');
  await writeFile(
    askpass,
    '#!/bin/sh\ncase "$1" in\n  Username*) printf \'%s\\n\' "$IGNITE_GIT_USERNAME" ;;\n  *) printf \'%s\\n\' "$IGNITE_GIT_PASSWORD" ;;\nesac\n',
  );
  await chmod(askpass, 0o700);
  const env: NodeJS.ProcessEnv = {
    ...request.hostEnv,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: askpass,
    SSH_ASKPASS: askpass,
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    // The real service clones with nothing but the build's own credentials: no user config or helpers.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
    IGNITE_GIT_USERNAME: request.credentials?.username ?? '',
    IGNITE_GIT_PASSWORD: request.credentials?.password ?? '',
  };
  const git = (args: string[], cwd?: string) => runGit(['-c', 'credential.helper=', ...args], env, cwd, request);
  if (FULL_SHA.test(reference)) {
    await git(['clone', '--no-checkout', '--', request.url, request.dest]);
    await git(['checkout', '--quiet', '--detach', reference], request.dest);
  } else {
    await git(['clone', '--depth', '1', '--branch', reference, '--', request.url, request.dest]);
  }
  checkAborted(request.signal);
  // As BuildKit does by default, the repository metadata is not part of the context.
  await rm(path.join(request.dest, '.git'), { recursive: true, force: true });
  await settleDirectoryModes(request.dest);
  return contextDirIn(request.dest, request.contextDir);
}

async function contextDirIn(clone: string, contextDir: string): Promise<string> {
  const wanted = path.resolve(clone, contextDir || '.');
  const stats = await lstat(wanted).catch(() => undefined);
  if (!stats?.isDirectory()) throw new BuildFailure(`context_dir "${contextDir}" is not a directory in the repository`);
  const [real, root] = await Promise.all([realpath(wanted), realpath(clone)]);
  if (real !== root && !real.startsWith(`${root}${path.sep}`))
    throw new BuildFailure(`context_dir "${contextDir}" leads outside the repository`);
  return real;
}

function runGit(args: string[], env: NodeJS.ProcessEnv, cwd: string | undefined, request: GitCloneRequest): Promise<void> {
  checkAborted(request.signal);
  return new Promise((resolve, reject) => {
    // Its own process group, so a cancel also stops git-remote-http and ssh children.
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // git's first "fatal:" line says what went wrong; the lines after it are advice.
    let firstFatal = '';
    let lastError = '';
    const lines = (stream: 'stdout' | 'stderr') => {
      let partial = '';
      const emit = (line: string) => {
        if (!line.trim()) return;
        request.output[stream](line);
        if (stream !== 'stderr') return;
        lastError = line;
        if (!firstFatal && /^(fatal|error):/.test(line)) firstFatal = line;
      };
      child[stream].on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split(/\r?\n|\r/);
        partial = parts.pop() ?? '';
        parts.forEach(emit);
      });
      child[stream].on('end', () => emit(partial));
    };
    lines('stdout');
    lines('stderr');
    const onAbort = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      request.signal.removeEventListener('abort', onAbort);
      reject(new BuildFailure(`cannot run git: ${err.message} (the local Ignite needs git on PATH for git sources)`));
    });
    child.on('close', (code) => {
      request.signal.removeEventListener('abort', onAbort);
      if (request.signal.aborted) return reject(request.signal.reason);
      if (code === 0) return resolve();
      reject(new BuildFailure(`git ${args[2]} failed (exit ${code}): ${firstFatal || lastError || 'no error output'}`));
    });
  });
}
