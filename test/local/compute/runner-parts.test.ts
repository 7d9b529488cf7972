import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../src/local/compute/image-ref.js';
import type { ImageRecord } from '../../../src/local/images.js';
import { hostCommandFor } from '../../../src/local/runner/command.js';
import { OutputTail } from '../../../src/local/runner/output-tail.js';
import { portEnv } from '../../../src/local/runner/ports.js';
import { exampleAppConfig } from '../../helpers/fixture-image.js';

const rootfs = mkdtempSync(path.join(os.tmpdir(), 'ignite-rootfs-'));
afterAll(() => rmSync(rootfs, { recursive: true, force: true }));

function image(config: Partial<ImageRecord['config']>): ImageRecord {
  return {
    digest: 'sha256:0',
    refs: [],
    organization_name: 'o',
    config: exampleAppConfig(config),
    rootfs_dir: rootfs,
    steps_not_executed: [],
    build_id: 'b',
    created_at_ms: 0,
    size_bytes: 0,
  };
}

describe('OutputTail', () => {
  it('keeps the last 20 lines within 2 KB, including a partial last line', () => {
    const tail = new OutputTail();
    for (let i = 0; i < 50; i++) tail.push(`line ${i}\n`);
    tail.push('no newline yet');
    const lines = tail.text().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.at(-1)).toBe('no newline yet');
    expect(lines[0]).toBe('line 31');
  });

  it('caps bytes, cutting one overlong line from the front', () => {
    const tail = new OutputTail();
    tail.push(`${'x'.repeat(5000)}END\n`);
    expect(Buffer.byteLength(tail.text())).toBeLessThanOrEqual(2048 + 3);
    expect(tail.text().endsWith('END')).toBe(true);
  });
});

describe('hostCommandFor', () => {
  it('takes a bare program from the host PATH and runs in rootfs + WORKDIR', () => {
    const command = hostCommandFor(image({ cmd: ['sh', '-c', 'true'], workdir: '/srv/app' }), 'ref');
    expect(path.isAbsolute(command.file)).toBe(true);
    expect(path.basename(command.file)).toBe('sh');
    expect(command.cwd).toBe(path.join(rootfs, 'srv/app'));
  });

  it("prefers a program in the image's files, rewrites absolute argv paths that exist there, and keeps WORKDIR inside", () => {
    mkdirSync(path.join(rootfs, 'usr/local/bin'), { recursive: true });
    writeFileSync(path.join(rootfs, 'usr/local/bin/run-me'), '#!/bin/sh\n', { mode: 0o755 });
    mkdirSync(path.join(rootfs, 'etc/app'), { recursive: true });
    writeFileSync(path.join(rootfs, 'etc/app/config.yaml'), 'a: 1\n');
    const command = hostCommandFor(
      image({ entrypoint: ['/usr/local/bin/run-me'], cmd: ['--config', '/etc/app/config.yaml', '/not/there'], workdir: '/../../escape' }),
      'ref',
    );
    expect(command.file).toBe(path.join(rootfs, 'usr/local/bin/run-me'));
    expect(command.args).toEqual(['--config', path.join(rootfs, 'etc/app/config.yaml'), '/not/there']);
    expect(command.cwd).toBe(path.join(rootfs, 'escape'));
  });

  it('falls back to the base name on the host for a base-image runtime path, and refuses what exists nowhere', () => {
    expect(path.basename(hostCommandFor(image({ cmd: ['/usr/local/bin/sh-from-base/../sh'] }), 'r').file)).toBe('sh');
    expect(() => hostCommandFor(image({ cmd: ['python9.99', 'app.py'] }), 'r')).toThrow(
      /not on this host's PATH|neither in the image's files nor on this host's PATH/,
    );
    try {
      hostCommandFor(image({ cmd: ['definitely-not-a-binary'] }), 'r');
    } catch (err) {
      expect((err as { code: number }).code).toBe(grpc.status.FAILED_PRECONDITION);
      expect((err as Error).message).toContain('node:20-alpine');
    }
  });

  it('refuses a program in the image without the execute bit', () => {
    writeFileSync(path.join(rootfs, 'usr/local/bin/not-exec'), '#!/bin/sh\n', { mode: 0o644 });
    expect(() => hostCommandFor(image({ entrypoint: ['/usr/local/bin/not-exec'], cmd: [] }), 'r')).toThrow(/not executable/);
  });
});

describe('port mapping', () => {
  it("sets PORT to the first container port's host port and PORT_<p> for each", () => {
    expect(
      portEnv(
        new Map([
          [8080, 40001],
          [9090, 40002],
        ]),
      ),
    ).toEqual({ PORT: '40001', PORT_8080: '40001', PORT_9090: '40002' });
  });
});

describe('parseImageRef', () => {
  it.each([
    ['nginx', { registry: '', repository: 'nginx', tag: '', digest: '' }],
    ['ghcr.io/acme/app:1.2.3', { registry: 'ghcr.io', repository: 'acme/app', tag: '1.2.3', digest: '' }],
    ['localhost:5000/a/b', { registry: 'localhost:5000', repository: 'a/b', tag: '', digest: '' }],
    ['localhost/org/app:draft-abc', { registry: 'localhost', repository: 'org/app', tag: 'draft-abc', digest: '' }],
    [`r.io/x@sha256:${'f'.repeat(64)}`, { registry: 'r.io', repository: 'x', tag: '', digest: `sha256:${'f'.repeat(64)}` }],
  ])('parses %s', (ref, parts) => {
    expect(parseImageRef(ref, 'f')).toEqual(parts);
  });

  it.each(['', 'acme/UPPER', 'a//b', 'a:b:c', 'ghcr.io/acme/app:', 'x@sha256:zz', 'has space'])('rejects %j', (ref) => {
    expect(() => parseImageRef(ref, 'f')).toThrow();
  });
});
