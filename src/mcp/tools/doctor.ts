import { z } from 'zod';
import type { Check } from '../../doctor/report.js';
import { defineTool, type ClientCapabilities, type ToolCall } from './define-tool.js';

const checkShape = z.object({
  id: z.string(),
  status: z.enum(['ok', 'warning', 'problem', 'skipped']),
  summary: z.string(),
  fix: z.string().optional(),
});

export const doctorTool = defineTool({
  name: 'doctor',
  title: 'Check the setup',
  description: `Checks what stands between this machine and a deploy: configuration (where each setting came from, token expiry), the endpoint (DNS, TCP, TLS, an authenticated call, round trip), the contract by reflection, the local data folder, disk and engine, the allowed folders, and what this MCP client supports.
Use it before a first deploy or when a call fails for a reason outside the code (authentication, network, configuration).
Next: fix first_to_fix, then retry the call that failed.`,
  input: {},
  output: {
    ok: z.boolean().describe('True when no check is a problem'),
    checks: z.array(checkShape),
    first_to_fix: z.string().nullable(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(_args, call) {
    // The checks load grpc-js and the reflection client: on first use only, never before initialize.
    const [{ runDoctor }, { formatReport }] = await Promise.all([import('../../doctor/doctor.js'), import('../../doctor/report.js')]);
    const { deps } = call;
    const roots = await call.allowedRoots();
    const report = await runDoctor({
      config: deps.config,
      now: Date.now(),
      target: { endpoint: deps.client.endpoint, transport: deps.client.transport },
      token: deps.endpointToken(),
      client: deps.client,
      roots: { folders: roots, origin: call.clientCapabilities()?.roots ? "the client's roots" : 'configured folders' },
      extra: [
        async () => clientChecks(call, call.clientCapabilities()),
        async () => (deps.config.mode === 'local' ? [await engineCheck(deps)] : []),
      ],
    });
    return {
      structured: {
        ok: report.exitCode === 0,
        checks: report.checks.map(({ id, status, summary, fix }) => ({
          id,
          status,
          summary,
          ...(fix && status !== 'ok' && status !== 'skipped' ? { fix } : {}),
        })),
        first_to_fix: report.firstToFix ? `${report.firstToFix.id}: ${report.firstToFix.fix ?? report.firstToFix.summary}` : null,
      },
      text: formatReport(report),
    };
  },
});

/** The engine of the local Ignite this server uses, once it is reached. */
async function engineCheck(deps: ToolCall['deps']): Promise<Check> {
  const { localEngineCheck } = await import('../../doctor/local-checks.js');
  try {
    await deps.ready();
  } catch {
    return { id: 'local.engine', status: 'skipped', summary: 'the local Ignite could not be reached (see local.ignite and endpoint)' };
  }
  return localEngineCheck(deps.config, deps.localEngine());
}

/** What the client declared, and what that means for following a deploy. */
function clientChecks(call: ToolCall, capabilities: ClientCapabilities | undefined): Check[] {
  const declared = (name: string, yes: boolean, meaning: string): Check => ({
    id: `client.${name}`,
    status: yes ? 'ok' : 'warning',
    summary: yes ? `declared` : `not declared: ${meaning}`,
    fix: meaning,
  });
  return [
    declared(
      'roots',
      capabilities?.roots !== undefined,
      'tools read only the configured folders (--allowed-root), or the working directory',
    ),
    declared(
      'elicitation',
      capabilities?.elicitation !== undefined,
      'irreversible steps cannot ask you in a form; they follow IGNITE_MCP_CONFIRM',
    ),
    declared(
      'tasks',
      (capabilities as { tasks?: unknown } | undefined)?.tasks !== undefined,
      'long builds are followed with get_build wait_seconds instead of as tasks',
    ),
    {
      id: 'client.progress',
      status: call.wantsProgress ? 'ok' : 'warning',
      summary: call.wantsProgress
        ? 'this call asked for progress'
        : 'this call asked for no progress: waits and uploads are silent until they end',
      fix: 'send a progressToken with long calls (get_build wait_seconds, upload_context)',
    },
    {
      id: 'client.subscriptions',
      status: 'ok',
      summary:
        'build logs can be subscribed (ignite://builds/{id}/logs); clients that drop resources/updated should follow builds with get_build wait_seconds or read_build_logs',
    },
  ];
}
