import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkContext, type WalkResult } from '../../src/packing/index.js';
import { tempDir, writeTree } from './helpers.js';

const paths = (walk: WalkResult, kind?: string) => walk.entries.filter((e) => !kind || e.kind === kind).map((e) => e.path);
const reasons = (walk: WalkResult) => Object.fromEntries(walk.excluded.map((e) => [e.path, e.reason]));

describe('walkContext with a .dockerignore', () => {
  it('applies Docker semantics: anchored names, ** and ! exceptions', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': '# comment\n**/*.log\n!keep/important.log\ndocs\n!docs/README.md\nbuild/**\n*.tmp\n',
      Dockerfile: 'FROM scratch\n',
      'app.js': 'x',
      'a.log': 'x',
      'sub/b.log': 'x',
      'sub/y.tmp': 'not matched: *.tmp is anchored at the root, as in Docker',
      'x.tmp': 'x',
      'keep/important.log': 'x',
      'docs/guide.md': 'x',
      'docs/README.md': 'x',
      'build/out.bin': 'x',
      'node_modules/m.js': 'a .dockerignore replaces the default skip list',
    });
    const walk = await walkContext({ root });
    expect(walk.ignoreSource).toBe('.dockerignore');
    expect(walk.ignoreFile).toBe('.dockerignore');
    expect(paths(walk, 'file')).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.js',
      'docs/README.md',
      'keep/important.log',
      'node_modules/m.js',
      'sub/y.tmp',
    ]);
    expect(paths(walk, 'directory')).toContain('docs');
    expect(reasons(walk)).toMatchObject({
      'a.log': 'dockerignore',
      'sub/b.log': 'dockerignore',
      'docs/guide.md': 'dockerignore',
      'x.tmp': 'dockerignore',
    });
    expect(walk.dockerfile).toEqual({ path: 'Dockerfile', found: true });
  });

  it('always sends the Dockerfile and .dockerignore, even when they are ignored', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': '*\n',
      Dockerfile: 'FROM scratch\n',
      'other.txt': 'x',
    });
    const walk = await walkContext({ root });
    expect(paths(walk)).toEqual(['.dockerignore', 'Dockerfile']);
  });

  it('walks into an excluded directory only as far as an exception needs', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': 'src\n!src/keep.txt\nvendor\n',
      'src/keep.txt': 'x',
      'src/other.txt': 'x',
      'vendor/lib/a.js': 'x',
    });
    const walk = await walkContext({ root });
    expect(paths(walk)).toEqual(['.dockerignore', 'src', 'src/keep.txt']);
    expect(reasons(walk)).toEqual({ 'src/other.txt': 'dockerignore', vendor: 'dockerignore' });
  });

  it('matches case-sensitively, as Docker does', async () => {
    const root = await writeTree(await tempDir(), { '.dockerignore': 'readme.md\n', 'README.md': 'x' });
    expect(paths(await walkContext({ root }))).toContain('README.md');
  });
});

describe('walkContext without a .dockerignore', () => {
  it('skips what the dodil CLI skips, at any depth, and keeps empty directories', async () => {
    const root = await writeTree(await tempDir(), {
      'main.py': 'print(1)',
      '.git/HEAD': 'ref',
      'node_modules/x/index.js': 'x',
      '__pycache__/m.pyc': 'x',
      'target/debug/app': 'x',
      '.venv/bin/python': 'x',
      'web/node_modules/y.js': 'x',
      'web/app.ts': 'x',
      'empty/': { dir: true },
    });
    const walk = await walkContext({ root });
    expect(walk.ignoreSource).toBe('default-skip-list');
    expect(walk.ignoreFile).toBeNull();
    expect(paths(walk)).toEqual(['empty', 'main.py', 'web', 'web/app.ts']);
    expect(reasons(walk)).toEqual({
      '.git': 'default-skip-list',
      '.venv': 'default-skip-list',
      __pycache__: 'default-skip-list',
      node_modules: 'default-skip-list',
      target: 'default-skip-list',
      'web/node_modules': 'default-skip-list',
    });
    expect(walk.dockerfile).toEqual({ path: 'Dockerfile', found: false });
  });

  it('orders entries by path bytes, not by directory', async () => {
    const root = await writeTree(await tempDir(), { 'a-c': 'x', 'a/b': 'x', B: 'x', é: 'x', a0: 'x' });
    expect(paths(await walkContext({ root }))).toEqual(['B', 'a', 'a-c', 'a/b', 'a0', 'é']);
  });

  it('orders by UTF-8 bytes where UTF-16 would not: a character above U+FFFF before one from U+E000', async () => {
    // 😀 is U+1F600 (UTF-16 D83D DE00, UTF-8 F0 9F 98 80); \uE000 is UTF-16 E000, UTF-8 EE 80 80.
    const names = ['\uE000.txt', '😀.txt', 'z.txt', 'é.txt'];
    const root = await writeTree(await tempDir(), Object.fromEntries(names.map((name) => [name, 'x'])));
    const expected = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(expected).toEqual(['z.txt', 'é.txt', '\uE000.txt', '😀.txt']);
    expect(paths(await walkContext({ root }))).toEqual(expected);
  });
});

describe('secret-shaped files', () => {
  const secrets = {
    '.env': 'API_KEY=1',
    '.env.production': 'API_KEY=2',
    'config/server.pem': 'x',
    'tls.key': 'x',
    id_rsa: 'x',
    'keys/id_ed25519.pub': 'x',
    '.npmrc': '//registry.npmjs.org/:_authToken=npm_abcdef\n',
    'web/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nregistry=https://r.example\n',
    '.pypirc': '[pypi]\nusername = __token__\npassword = pypi-xyz\n',
    '.aws/credentials': 'x',
    '.ssh/config': 'x',
    '.ssh/id_ecdsa': 'x',
    '.ssh/old/known_hosts': 'x',
    '.docker/config.json': '{}',
    '.kube/config': 'x',
    'deploy/kubeconfig-prod.yaml': 'x',
    'app.js': 'x',
  };

  it('leaves them out by default and says why, by name only', async () => {
    const root = await writeTree(await tempDir(), secrets);
    const walk = await walkContext({ root });
    const files = paths(walk, 'file');
    expect(files).toEqual(['app.js', 'web/.npmrc']);
    const secretPaths = walk.excluded.filter((e) => e.reason === 'secret-file').map((e) => e.path);
    expect(secretPaths).toEqual([
      '.aws',
      '.docker/config.json',
      '.env',
      '.env.production',
      '.kube/config',
      '.npmrc',
      '.pypirc',
      '.ssh',
      'config/server.pem',
      'deploy/kubeconfig-prod.yaml',
      'id_rsa',
      'keys/id_ed25519.pub',
      'tls.key',
    ]);
    expect(JSON.stringify(walk.excluded)).not.toContain('npm_abcdef');
  });

  it('includes one the caller names, and nothing else around it', async () => {
    const root = await writeTree(await tempDir(), secrets);
    const walk = await walkContext({ root, includeSecretFiles: ['.env.production', '.ssh\\config', './.npmrc'] });
    const files = paths(walk, 'file');
    expect(files).toEqual(expect.arrayContaining(['.env.production', '.ssh/config', '.npmrc']));
    expect(files).not.toContain('.env');
    expect(files).not.toContain('.ssh/id_ecdsa');
    expect(paths(walk, 'directory')).toContain('.ssh');
    expect(paths(walk, 'directory')).not.toContain('.ssh/old');
  });

  it('reports the ignore rule, not the secret rule, when .dockerignore already leaves a file out', async () => {
    const root = await writeTree(await tempDir(), { '.dockerignore': '.env\n', '.env': 'x' });
    expect(reasons(await walkContext({ root }))).toEqual({ '.env': 'dockerignore' });
  });
});

describe('links and special files', () => {
  it('keeps links that stay inside the root and leaves out those that escape', async () => {
    const outside = await writeTree(await tempDir('outside-'), { 'secret.txt': 'x' });
    const root = await tempDir();
    await writeTree(root, {
      'real/file.txt': 'x',
      'to-file': { link: 'real/file.txt' },
      'to-dir': { link: 'real' },
      'up-and-back': { link: '../' + path.basename(root) + '/real/file.txt' },
      'absolute-inside': { link: path.join(root, 'real', 'file.txt') },
      dangling: { link: 'not-there' },
      'to-outside': { link: path.join(outside, 'secret.txt') },
      'relative-outside': { link: '../../../../../../../../etc/passwd' },
      'via-inner': { link: 'to-outside' },
    });
    const walk = await walkContext({ root });
    const links = Object.fromEntries(walk.entries.filter((e) => e.kind === 'symlink').map((e) => [e.path, e.linkTarget]));
    expect(links).toEqual({
      'absolute-inside': 'real/file.txt',
      dangling: 'not-there',
      'to-dir': 'real',
      'to-file': 'real/file.txt',
      'up-and-back': '../' + path.basename(root) + '/real/file.txt',
    });
    expect(reasons(walk)).toEqual({
      'relative-outside': 'symlink-outside-root',
      'to-outside': 'symlink-outside-root',
      'via-inner': 'symlink-outside-root',
    });
  });

  it('skips FIFOs and sockets and reports them', async () => {
    const root = await writeTree(await tempDir(), { 'app.js': 'x' });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve));
    try {
      const walk = await walkContext({ root });
      expect(paths(walk)).toEqual(['app.js']);
      expect(walk.excluded).toEqual([
        { path: 'pipe', reason: 'special-file', detail: 'fifo' },
        { path: 'sock', reason: 'special-file', detail: 'socket' },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the Dockerfile in a subfolder', () => {
  it('is found and sent even inside an ignored folder, with its parents', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': 'docker\n',
      'docker/app.Dockerfile': 'FROM scratch\n',
      'docker/other': 'x',
      'main.go': 'x',
    });
    const walk = await walkContext({ root, dockerfile: 'docker\\app.Dockerfile' });
    expect(walk.dockerfile).toEqual({ path: 'docker/app.Dockerfile', found: true });
    expect(paths(walk)).toEqual(['.dockerignore', 'docker', 'docker/app.Dockerfile', 'main.go']);
  });

  it('prefers <Dockerfile>.dockerignore next to it, as BuildKit does', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': 'main.go\n',
      'docker/app.Dockerfile': 'FROM scratch\n',
      'docker/app.Dockerfile.dockerignore': 'notes.txt\n',
      'main.go': 'x',
      'notes.txt': 'x',
    });
    const walk = await walkContext({ root, dockerfile: 'docker/app.Dockerfile' });
    expect(walk.ignoreFile).toBe('docker/app.Dockerfile.dockerignore');
    expect(paths(walk, 'file')).toContain('main.go');
    expect(paths(walk, 'file')).not.toContain('notes.txt');
  });

  it('refuses a Dockerfile path that leaves the context', async () => {
    const root = await tempDir();
    await expect(walkContext({ root, dockerfile: '../Dockerfile' })).rejects.toThrow(/inside the context folder/);
  });
});
