import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { findProgram } from './detect.js';

export const HOST_RUNTIMES = ['node', 'python3', 'busybox'] as const;
export type HostRuntime = (typeof HOST_RUNTIMES)[number];

export interface HostRootfsOptions {
  /** Where programs are looked up (the host's PATH). */
  searchPath: string;
  /** The host's CA bundle, baked into the image so TLS through the host's proxies works (README: CA pass-through). */
  caBundle: string | undefined;
}

export interface HostRootfs {
  /** Dockerfile instructions for `import --change`. */
  changes: string[];
  /** e.g. "node v20.20.2, npm 11.19.1". */
  description: string;
}

const PATH_ENV = 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const CA_PATH = '/etc/ssl/certs/ca-certificates.crt';
/** Parts of a Python standard library no service needs at run time. */
const PYTHON_SKIP = new Set(['test', 'idlelib', 'tkinter', 'turtledemo', 'site-packages', 'dist-packages']);

/**
 * A root filesystem made from this host's own runtime, for building and running offline: busybox
 * (static, from busybox-static) for /bin/sh and the usual commands, plus node (with npm) or Python
 * with the shared libraries they load, users root/app(1000)/nobody, and the host's CA bundle.
 */
export function makeHostRootfs(runtime: HostRuntime, root: string, options: HostRootfsOptions): HostRootfs {
  const changes = [PATH_ENV];
  const extraUsers = runtime === 'node' ? ['node:x:1000:1000:node:/home/node:/bin/sh'] : [];
  busyboxBase(root, options.searchPath, extraUsers);
  if (options.caBundle && existsSync(options.caBundle)) {
    copyInto(root, options.caBundle, CA_PATH);
    changes.push(`ENV SSL_CERT_FILE=${CA_PATH}`);
  }
  const hasCa = changes.length > 1;
  if (runtime === 'busybox') return { changes: [...changes, 'CMD ["/bin/sh"]'], description: 'busybox' };
  if (runtime === 'node') {
    const node = realpathSync(required('node', options.searchPath));
    copyInto(root, node, '/usr/local/bin/node');
    copyLibraries(root, [node]);
    const modules = path.join(path.dirname(path.dirname(node)), 'lib', 'node_modules');
    let npm = '';
    if (existsSync(path.join(modules, 'npm'))) {
      cpSync(modules, path.join(root, 'usr/local/lib/node_modules'), { recursive: true, verbatimSymlinks: true });
      symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(root, 'usr/local/bin/npm'));
      symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(root, 'usr/local/bin/npx'));
      npm = `, npm ${JSON.parse(execFileSync(node, ['-p', `JSON.stringify(require('${modules}/npm/package.json').version)`]).toString())}`;
      if (hasCa) write(root, '/usr/local/etc/npmrc', `cafile=${CA_PATH}\n`);
    }
    if (hasCa) changes.push(`ENV NODE_EXTRA_CA_CERTS=${CA_PATH}`);
    const version = execFileSync(node, ['--version']).toString().trim();
    return { changes: [...changes, 'CMD ["node"]'], description: `node ${version}${npm}` };
  }
  // Debian's interpreter keeps its standard library small; one on PATH (pyenv) may carry a gigabyte.
  const python = realpathSync(existsSync('/usr/bin/python3') ? '/usr/bin/python3' : required('python3', options.searchPath));
  const [stdlib, platstdlib, version] = execFileSync(python, [
    '-c',
    'import sys, sysconfig; print(sysconfig.get_path("stdlib")); print(sysconfig.get_path("platstdlib")); print(sys.version.split()[0])',
  ])
    .toString()
    .trim()
    .split('\n') as [string, string, string];
  copyInto(root, python, python);
  for (const link of ['/usr/bin/python3', '/usr/bin/python']) if (link !== python) symlinkSync(python, path.join(root, link));
  for (const dir of new Set([stdlib, platstdlib])) {
    cpSync(dir, path.join(root, dir), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !PYTHON_SKIP.has(path.relative(dir, source).split(path.sep)[0]!),
    });
  }
  const dynload = path.join(platstdlib, 'lib-dynload');
  const extensions = existsSync(dynload) ? execFileSync('find', [dynload, '-name', '*.so']).toString().split('\n').filter(Boolean) : [];
  copyLibraries(root, [python, ...extensions]);
  return { changes: [...changes, 'CMD ["python3"]'], description: `python ${version} (${python})` };
}

function busyboxBase(root: string, searchPath: string, extraUsers: string[]): void {
  const busybox = required('busybox', searchPath, 'busybox-static');
  for (const dir of [
    'bin',
    'sbin',
    'usr/bin',
    'usr/sbin',
    'usr/local/bin',
    'etc',
    'proc',
    'sys',
    'dev',
    'run',
    'root',
    'home/app',
    'var',
  ]) {
    mkdirSync(path.join(root, dir), { recursive: true });
  }
  copyInto(root, realpathSync(busybox), '/bin/busybox');
  copyLibraries(root, [busybox]);
  for (const applet of execFileSync(busybox, ['--list']).toString().split('\n').filter(Boolean)) {
    const link = path.join(root, 'bin', applet);
    if (!existsSync(link)) symlinkSync('busybox', link);
  }
  // npm's scripts start with #!/usr/bin/env node.
  symlinkSync('/bin/busybox', path.join(root, 'usr/bin/env'));
  for (const dir of ['tmp', 'var/tmp']) {
    mkdirSync(path.join(root, dir), { recursive: true });
    chmodSync(path.join(root, dir), 0o1777);
  }
  const users = [
    'root:x:0:0:root:/root:/bin/sh',
    'app:x:1000:1000:app:/home/app:/bin/sh',
    ...extraUsers,
    'nobody:x:65534:65534:nobody:/:/bin/false',
  ];
  write(root, '/etc/passwd', `${users.join('\n')}\n`);
  write(root, '/etc/group', 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
  write(root, '/etc/nsswitch.conf', 'hosts: files dns\npasswd: files\ngroup: files\n');
  for (const home of ['home/app', ...extraUsers.map((user) => user.split(':')[5]!.slice(1))]) {
    mkdirSync(path.join(root, home), { recursive: true });
    if (process.getuid?.() === 0) chownSync(path.join(root, home), 1000, 1000);
  }
}

/** The shared libraries (and the dynamic loader) the programs load, at the same paths under root. */
function copyLibraries(root: string, programs: string[]): void {
  const libraries = new Set<string>();
  for (const program of programs) {
    let text = '';
    try {
      text = execFileSync('ldd', [program], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    } catch {
      continue; // "not a dynamic executable": a static program needs nothing
    }
    for (const line of text.split('\n')) {
      const match = /=>\s+(\/\S+)/.exec(line) ?? /^\s+(\/\S+)\s+\(/.exec(line);
      if (match) libraries.add(match[1]!);
    }
  }
  for (const library of libraries) if (!existsSync(path.join(root, library))) copyInto(root, library, library);
}

function copyInto(root: string, source: string, target: string): void {
  mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
  copyFileSync(source, path.join(root, target));
}

function write(root: string, target: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
  writeFileSync(path.join(root, target), text);
}

function required(program: string, searchPath: string, debianPackage = program): string {
  const found = findProgram(program, searchPath);
  if (!found)
    throw new UserError(
      `${program} is not on this host's PATH`,
      `Install it (Debian: apt-get install -y ${debianPackage}) to make a base image from it.`,
    );
  return found;
}
