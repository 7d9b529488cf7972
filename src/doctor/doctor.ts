/**
 * `doctor`: everything between this machine and a deploy, checked in order, each step only once the
 * one it needs has passed (no contract check against an endpoint that does not answer).
 */
import * as grpc from '@grpc/grpc-js';
import type { IgniteClient } from '../client/client.js';
import { chooseChannelCredentials } from '../client/credentials.js';
import type { Config } from '../config/config.js';
import { configChecks } from './config-checks.js';
import { compareWithLive } from './contract-check.js';
import { endpointChecks, type EndpointTarget } from './endpoint-checks.js';
import { allowedRootChecks, dataDirChecks } from './local-checks.js';
import { doctorReport, type Check, type DoctorReport } from './report.js';

export interface DoctorInputs {
  config: Readonly<Config>;
  now: number;
  target: EndpointTarget;
  /** Sent with the reflection calls, as every other call sends it. */
  token?: string | undefined;
  client: IgniteClient;
  roots: { folders: readonly string[]; origin: string };
  /** Checks only the caller can make: the local Ignite's daemon, the container engine, the MCP client. */
  extra?: ReadonlyArray<() => Promise<Check[]>>;
}

export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const checks: Check[] = [...configChecks(inputs.config, inputs.now)];
  const endpoint = await endpointChecks(inputs.target, inputs.client);
  checks.push(...endpoint);
  const reached = !endpoint.some((check) => check.status === 'problem');
  checks.push(
    reached
      ? await contractCheck(inputs)
      : { id: 'contract', status: 'skipped', summary: 'the endpoint did not answer, so its contract was not read' },
  );
  if (inputs.config.mode === 'local' || inputs.target.endpoint.startsWith('unix:'))
    checks.push(...(await dataDirChecks(inputs.config.dataDir)));
  checks.push(...(await allowedRootChecks(inputs.roots.folders, inputs.roots.origin)));
  for (const more of inputs.extra ?? []) checks.push(...(await more()));
  return doctorReport(checks);
}

async function contractCheck(inputs: DoctorInputs): Promise<Check> {
  const metadata = new grpc.Metadata();
  if (inputs.token) metadata.set('authorization', `Bearer ${inputs.token}`);
  try {
    const report = await compareWithLive({
      endpoint: inputs.target.endpoint,
      credentials: chooseChannelCredentials(inputs.target.endpoint, inputs.target.transport === 'plaintext').credentials,
      metadata,
      deadlineMs: 10_000,
    });
    const problems = report.differences.filter((difference) => difference.severity === 'problem');
    const extras = report.differences.length - problems.length;
    const note = extras > 0 ? `; the service also has ${extras} item${extras === 1 ? '' : 's'} we do not declare` : '';
    if (problems.length === 0)
      return {
        id: 'contract',
        status: 'ok',
        summary: `proto/ matches the service's ${report.liveServices.length} services${note}`,
        detail: report,
      };
    const designed = problems.filter((difference) => difference.designed).length;
    return {
      id: 'contract',
      status: 'problem',
      summary: `${problems.length} difference${problems.length === 1 ? '' : 's'} from proto/ (${designed} in items of our design): ${problems
        .slice(0, 3)
        .map((d) => `${d.kind} ${d.item}`)
        .join('; ')}${problems.length > 3 ? '; …' : ''}${note}`,
      fix: 'run `ignite-mcp doctor --json` for every difference; update proto/ to what the service has, then `npm run gen:proto`',
      detail: report,
    };
  } catch (err) {
    return {
      id: 'contract',
      status: 'warning',
      summary: `the service does not answer server reflection (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
      fix: 'nothing to do for a deploy; the contract cannot be compared with proto/ on this endpoint',
    };
  }
}
