import type * as grpc from '@grpc/grpc-js';
import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { BuildServiceHandlers } from '../../contract/generated/dodil/ignite/v1/BuildService.js';
import type { BuildStatus__Output } from '../../contract/generated/dodil/ignite/v1/BuildStatus.js';
import type { ListBuildsRequest__Output } from '../../contract/generated/dodil/ignite/v1/ListBuildsRequest.js';
import type { ListBuildsResponse } from '../../contract/generated/dodil/ignite/v1/ListBuildsResponse.js';
import type { BuildEngine } from './build-engine.js';
import type { LocalServiceDeps } from '../deps.js';
import { invalidArgument } from '../rpc/errors.js';
import { BuildSecretStore } from './build-secrets.js';
import { specFromRequest } from './build-spec.js';
import { ContextStore } from './contexts.js';
import { LocalBuildEngine } from './engine.js';
import { BuildJournal } from './journal.js';
import { streamBuildLogsHandler } from './log-stream.js';
import { uploadBuildContextHandler } from './upload.js';

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** The local BuildService: its seven RPCs, and the engine ComputeService shares for image drafts. */
export function createBuildService(deps: LocalServiceDeps): { implementation: grpc.UntypedServiceImplementation; engine: BuildEngine } {
  const contexts = new ContextStore(deps.store);
  const secrets = new BuildSecretStore(deps.store);
  const engine = new LocalBuildEngine(deps, contexts, secrets, new BuildJournal(deps.store));
  const orgOf = (call: { metadata: grpc.Metadata }) => deps.callers.identify(call.metadata).organization;

  const implementation: BuildServiceHandlers = {
    CreateBuild(call, callback) {
      const caller = deps.callers.identify(call.metadata);
      const build = engine.start(specFromRequest(call.request, caller.organization), caller);
      callback(null, { build_id: build.build_id, status: build.status, build });
    },
    GetBuild(call, callback) {
      callback(null, { build: engine.getFor(call.request.build_id, orgOf(call)) });
    },
    ListBuilds(call, callback) {
      callback(null, listBuilds(engine.list(orgOf(call)), call.request));
    },
    CancelBuild(call, callback) {
      callback(null, { build: engine.cancel(call.request.build_id, orgOf(call)) });
    },
    SaveBuildSecrets(call, callback) {
      callback(null, secrets.save(orgOf(call), call.request));
    },
    StreamBuildLogs: streamBuildLogsHandler(engine, deps.callers),
    UploadBuildContext: uploadBuildContextHandler(deps, contexts),
  };
  return { implementation, engine };
}

/**
 * Newest first; the cursor is the last build id of the previous page (ids sort by creation time),
 * wrapped so callers treat it as opaque.
 */
function listBuilds(all: Build__Output[], request: ListBuildsRequest__Output): ListBuildsResponse {
  const limit = Math.min(request.limit || DEFAULT_PAGE, MAX_PAGE);
  const after = request.cursor ? decodeCursor(request.cursor) : undefined;
  const wanted = request.status === 'BUILD_STATUS_UNSPECIFIED' ? undefined : (request.status as BuildStatus__Output);
  const matching = all
    .filter((build) => (!wanted || build.status === wanted) && (!request.name || build.name === request.name))
    .filter((build) => after === undefined || build.build_id < after)
    .sort((a, b) => (a.build_id < b.build_id ? 1 : a.build_id > b.build_id ? -1 : 0));
  const page = matching.slice(0, limit);
  const next = matching.length > limit ? encodeCursor(page[page.length - 1]!.build_id) : '';
  return { builds: page, next_cursor: next };
}

function encodeCursor(buildId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, before: buildId })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; before?: unknown };
    if (parsed.v === 1 && typeof parsed.before === 'string') return parsed.before;
  } catch {
    // Falls through to the error below.
  }
  throw invalidArgument('invalid cursor: pass next_cursor from a previous ListBuilds response unchanged');
}
