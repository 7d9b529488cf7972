/**
 * The process engine's commonest failure: an app that listens on a fixed port instead of $PORT
 * (every container port gets a free loopback port here). The health error names the probed port,
 * says which port the app's process group listens on, and quotes its stdout and stderr.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../../src/local/runner/ports.js';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 1500 } });
});
afterAll(() => env.close());

describe('the process engine, when an app listens on a fixed port', () => {
  it('says it listens on that port, not on $PORT, with what to do and the last stdout and stderr lines', async () => {
    const fixed = await freeLoopbackPort();
    // The listener is a child of the app's process, as with a launcher script or a worker.
    const server = `
      const { spawn } = require('node:child_process');
      console.log('npm notice New minor version of npm available!');
      console.log('npm notice Run npm install -g npm to update!');
      const child = spawn(process.execPath, ['-e', "require('http').createServer((q, s) => s.end('ok')).listen(${fixed}, '0.0.0.0', () => console.log('listening on ${fixed}'))"], { stdio: 'inherit' });
      console.error('warning: PORT is ignored by this app');
      setInterval(() => {}, 1000);
    `;
    const image = registerExampleImage(env.ignite, {
      name: 'fixed',
      config: { cmd: ['node', '/app/fixed.js'] },
      files: { 'app/fixed.js': server },
    });
    await env.compute('CreateApp', { name: 'fixed', ports: [8080] });
    await env.compute('SaveDraft', { app_name: 'fixed', code: { image: { prebuilt: { image_ref: image.ref } } } });
    const err = (await env.compute('TestDraft', { app_name: 'fixed' }).catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
    const port =
      /on \$PORT=(\d+) \(127\.0\.0\.1:\1, the host port of container port 8080\) did not answer 2xx within 1500 ms \(nothing answered on the port\)/.exec(
        err.details,
      );
    expect(port, err.details).not.toBeNull();
    expect(err.details).toContain(
      `the app listens on ${fixed}, not on $PORT=${port![1]}; the process engine gives each container port a free loopback port in $PORT`,
    );
    expect(err.details).toMatch(/or run it under a container engine \(--engine podman or docker\), where it gets its configured port/);
    expect(err.details).toMatch(
      new RegExp(`Last stdout lines:\\nlistening on ${fixed}\\nLast stderr lines:\\nwarning: PORT is ignored by this app`),
    );
    expect(err.details).not.toContain('npm notice');
  });
});
