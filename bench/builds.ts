/**
 * Real builds on a local Ignite for the benchmarks: a Dockerfile packed as an inline tar.gz
 * context, created over gRPC, so the build, its record and its log are the BuildService's own.
 */
import { gzipSync } from 'fflate';
import * as tar from 'tar-stream';
import type { IgniteClient } from '../src/client/client.js';

/** A tar.gz holding only `Dockerfile`, as the CLI would pack a folder with nothing else in it. */
export async function dockerfileArchive(dockerfile: string): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  pack.entry({ name: 'Dockerfile', mode: 0o644, mtime: new Date(0) }, dockerfile);
  pack.finalize();
  await collected;
  return Buffer.from(gzipSync(Buffer.concat(chunks)));
}

export async function createBuild(client: IgniteClient, name: string, dockerfile: string): Promise<string> {
  const { build_id } = await client.createBuild({ name, tags: ['bench'], zipped_code: await dockerfileArchive(dockerfile) });
  return build_id;
}

/** Polls until the build ends; a benchmark that measured a failed build would measure the wrong thing. */
export async function waitForSuccess(client: IgniteClient, buildId: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { build } = await client.getBuild({ build_id: buildId });
    if (build?.status === 'BUILD_STATUS_SUCCEEDED') return;
    if (build && build.status !== 'BUILD_STATUS_PENDING' && build.status !== 'BUILD_STATUS_RUNNING') {
      throw new Error(`bench build ${buildId} ended ${build.status}: ${build.error}`);
    }
    if (Date.now() > deadline) throw new Error(`bench build ${buildId} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A Dockerfile whose steps each log exactly two lines ("Step n/N : USER …" and " ---> <id>") and
 * change nothing that grows with the step count, so logging dominates the build's cost.
 */
export function loggingDockerfile(steps: number): string {
  const lines = ['FROM scratch'];
  for (let i = 0; i < steps; i++)
    lines.push(`USER bench-${String(i).padStart(6, '0')}-a-user-name-about-as-long-as-a-typical-build-log-line`);
  return `${lines.join('\n')}\n`;
}
