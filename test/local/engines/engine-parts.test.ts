/** The container engine's pieces that need no engine: names, flags, maps, arguments, diagnoses. */
import { describe, expect, it } from 'vitest';
import { loginsFromRegistryCredentials, normalizeRegistry } from '../../../src/local/engines/auth-file.js';
import { ContainerEngine } from '../../../src/local/engines/container-engine.js';
import { engineError } from '../../../src/local/engines/engine-command.js';
import { loadImageMap } from '../../../src/local/engines/image-map.js';
import { isLoopbackRegistry, qualifyImageRef, registryOf } from '../../../src/local/engines/image-names.js';
import { LineSplitter } from '../../../src/local/engines/line-splitter.js';
import { MAX_RUNROOT_CHARS, podmanStore } from '../../../src/local/engines/podman-store.js';
import { baseImagesOf } from '../../../src/local/builder/base-refs.js';
import { parseDockerfile } from '../../../src/local/builder/dockerfile.js';
import { containerRunArgs, parsePublishedPorts } from '../../../src/local/runner/container-run-args.js';
import { checkContainerUser } from '../../../src/local/runner/container-user.js';
import { wrongPortDiagnosis } from '../../../src/local/runner/listen-ports.js';
import { OutputTail } from '../../../src/local/runner/output-tail.js';
import { parseImageMapText } from '../../../src/shared/image-map-text.js';

const engine = (name: 'podman' | 'docker') =>
  new ContainerEngine({ name, binary: `/usr/bin/${name}`, globalArgs: [], env: {}, runtimePath: undefined, version: '1', details: '' });

describe('image names', () => {
  it('qualifies references as Docker reads them', () => {
    expect(qualifyImageRef('python:3.12-slim')).toBe('docker.io/library/python:3.12-slim');
    expect(qualifyImageRef('node')).toBe('docker.io/library/node:latest');
    expect(qualifyImageRef('acme/app:1')).toBe('docker.io/acme/app:1');
    expect(qualifyImageRef('ghcr.io/acme/app')).toBe('ghcr.io/acme/app:latest');
    expect(qualifyImageRef('127.0.0.1:5000/x/y:2')).toBe('127.0.0.1:5000/x/y:2');
    expect(qualifyImageRef('localhost/base/node:20')).toBe('localhost/base/node:20');
    expect(qualifyImageRef(`ghcr.io/a/b@sha256:${'a'.repeat(64)}`)).toBe(`ghcr.io/a/b@sha256:${'a'.repeat(64)}`);
    expect(registryOf('docker.io/library/node:20')).toBe('docker.io');
  });

  it('reaches loopback registries without TLS, as Docker does by default, and nothing else', () => {
    expect(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', '127.1.2.3'].map(isLoopbackRegistry)).toEqual([true, true, true, true]);
    expect(['ghcr.io', '10.0.0.1:5000', 'docker.io', '127.example.com'].map(isLoopbackRegistry)).toEqual([false, false, false, false]);
  });
});

describe('the image map', () => {
  it('parses entries by line or comma, with comments, and names a bad entry', () => {
    expect(parseImageMapText('python:3.12-slim=localhost/base/python:3.11, node:20=localhost/base/node:20\n# note\n', 'X')).toEqual({
      entries: [
        ['python:3.12-slim', 'localhost/base/python:3.11'],
        ['node:20', 'localhost/base/node:20'],
      ],
      problems: [],
    });
    expect(parseImageMapText('just-an-image', 'IGNITE_MCP_IMAGE_MAP').problems[0]).toMatch(
      /^IGNITE_MCP_IMAGE_MAP: "just-an-image" is not an image map entry/,
    );
  });

  it('keys entries by the qualified name, so the short and the long form are one entry', () => {
    const { map } = loadImageMap(undefined, { 'python:3.12-slim': 'localhost/base/python:3.11' });
    expect([...map]).toEqual([['docker.io/library/python:3.12-slim', 'localhost/base/python:3.11']]);
  });
});

describe('registry credentials', () => {
  it('reads user:password and Docker config "auth" values, keyed by a normalized registry', () => {
    expect(
      loginsFromRegistryCredentials({ 'https://ghcr.io/': 'robot:pw', 'index.docker.io': Buffer.from('me:secret').toString('base64') }),
    ).toEqual([
      { registry: 'ghcr.io', username: 'robot', password: 'pw' },
      { registry: 'docker.io', username: 'me', password: 'secret' },
    ]);
    expect(normalizeRegistry('')).toBe('docker.io');
  });
});

describe('podman stores', () => {
  it('keeps the runroot short whatever the store path, and distinct per store', () => {
    const long = `/tmp/${'deep/'.repeat(40)}store`;
    const a = podmanStore(long);
    expect(a.runroot.length).toBeLessThanOrEqual(MAX_RUNROOT_CHARS);
    expect(a.root).toBe(`${long}/storage`);
    expect(podmanStore(`${long}2`).runroot).not.toBe(a.runroot);
  });
});

describe('engine output', () => {
  it('splits chunks into lines as they come and hands on a last partial line', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('STEP 1/2: FROM x\r\npart');
    expect(lines).toEqual(['STEP 1/2: FROM x']);
    splitter.push('ial\nend');
    splitter.flush();
    expect(lines).toEqual(['STEP 1/2: FROM x', 'partial', 'end']);
  });

  it("quotes the engine's last Error line", () => {
    expect(
      engineError({
        stdout: 'STEP 2/2: RUN exit 3\n',
        stderr: 'Error: building at STEP "RUN exit 3": while running runtime: exit status 3\n',
      }),
    ).toBe('building at STEP "RUN exit 3": while running runtime: exit status 3');
    expect(engineError({ stdout: '', stderr: 'something odd\n' })).toBe('something odd');
  });
});

describe('base images of a Dockerfile', () => {
  it('substitutes ARGs before the first FROM, skips stages and scratch, and includes COPY --from images', () => {
    const parsed = parseDockerfile(
      'ARG VERSION=3.12\nFROM python:${VERSION}-slim AS build\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nFROM build\nFROM scratch\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\n',
      'Dockerfile',
    );
    expect(baseImagesOf(parsed, {})).toEqual(['python:3.12-slim', 'busybox:1.36']);
    expect(baseImagesOf(parsed, { VERSION: '3.11' })).toEqual(['python:3.11-slim', 'busybox:1.36']);
  });
});

describe('the container contract, as run arguments', () => {
  const spec = {
    name: 'ignite-acme-web-v1-abc123',
    imageId: 'f'.repeat(64),
    user: '1000',
    home: '/home/app',
    env: { PORT: '8080', HOME: '/home/app', TOKEN_LIKE: 'value-with\nnewline', PLAIN: 'a b' },
    containerPorts: [8080, 9090],
    memoryMb: 256,
    cpuMillicores: 250,
    labels: { 'ignite-mcp.app': 'acme/web' },
    envFile: '/run/x/env',
  };

  it('gives podman the security options, limits, loopback ports and an env file', () => {
    const { args, envFileContent, childEnv } = containerRunArgs(engine('podman'), spec);
    const text = args.join(' ');
    for (const part of [
      '--read-only',
      '--tmpfs /home/app:rw,U',
      '--cap-drop=ALL',
      '--security-opt no-new-privileges',
      '--sysctl net.ipv4.ip_unprivileged_port_start=0',
      '--memory 256m --memory-swap 256m',
      '--cpus 0.25',
      '--user 1000',
      '--no-healthcheck',
      '--http-proxy=false',
      '--ulimit nofile=1024:1024',
      '-p 127.0.0.1::8080 -p 127.0.0.1::9090',
      '--env-file /run/x/env',
      '--env TOKEN_LIKE',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain('a b');
    expect(envFileContent).toBe('PORT=8080\nHOME=/home/app\nPLAIN=a b\n');
    expect(childEnv).toEqual({ TOKEN_LIKE: 'value-with\nnewline' });
    expect(args.at(-1)).toBe(spec.imageId);
  });

  it('uses docker spellings where the CLIs differ', () => {
    const text = containerRunArgs(engine('docker'), spec).args.join(' ');
    expect(text).toContain('--tmpfs /home/app:rw,uid=1000,gid=1000');
    expect(text).not.toContain('--http-proxy');
    expect(text).not.toContain('--ulimit');
  });

  it('reads published ports', () => {
    expect([...parsePublishedPorts('8080/tcp -> 127.0.0.1:44565\n9090/tcp -> 127.0.0.1:40001\n')]).toEqual([
      [8080, 44565],
      [9090, 40001],
    ]);
  });

  it("refuses named and root users with the kubelet's words, and passes numeric non-root ones", () => {
    expect(checkContainerUser('1000:1000', 'img')).toBe('1000:1000');
    expect(checkContainerUser(' 65534 ', 'img')).toBe('65534');
    expect(() => checkContainerUser('node', 'img')).toThrow(
      /^CreateContainerConfigError: container has runAsNonRoot and image has non-numeric user \(node\), cannot verify user is non-root/,
    );
    expect(() => checkContainerUser('app:app', 'img')).toThrow(/non-numeric user \(app\)/);
    for (const root of ['', '0', '0:0']) expect(() => checkContainerUser(root, 'img')).toThrow(/image will run as root/);
  });
});

describe('health diagnoses', () => {
  it('says when the app listens elsewhere than $PORT, and nothing when it listens there or nowhere', () => {
    expect(wrongPortDiagnosis([8080], 41189, 'listen on $PORT')).toBe('the app listens on 8080, not on $PORT=41189; listen on $PORT');
    expect(wrongPortDiagnosis([8080, 41189], 41189, 'x')).toBeUndefined();
    expect(wrongPortDiagnosis([], 41189, 'x')).toBeUndefined();
  });

  it('quotes output without npm noise, folds repeats, and keeps an early error line', () => {
    const tail = new OutputTail();
    tail.push("Error: Cannot find module 'express'\n");
    tail.push('npm notice New major version of npm available!\nnpm notice Run `npm install -g npm@11` to update!\n\n');
    for (let i = 0; i < 30; i++) tail.push('probe /healthz\n');
    for (let i = 0; i < 15; i++) tail.push(`chatter ${i}\n`);
    const quoted = tail.quote(8).split('\n');
    expect(quoted).toContain("Error: Cannot find module 'express'");
    expect(quoted.some((line) => line.startsWith('npm notice'))).toBe(false);
    expect(quoted.at(-1)).toBe('chatter 14');
    expect(quoted).toHaveLength(8);
  });
});
