import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { BuildServiceHandlers } from '../../contract/generated/dodil/ignite/v1/BuildService.js';
import type { BuildStatus__Output } from '../../contract/generated/dodil/ignite/v1/BuildStatus.js';
import type { ListBuildsRequest__Output } from '../../contract/generated/dodil/ignite/v1/ListBuildsRequest.js';
import type { ListBuildsResponse } from '../../contract/generated/dodil/ignite/v1/ListBuildsResponse.js';
import type { LocalServiceDeps } from '../deps.js';
import { unary } from '../rpc/handlers.js';
import { paginate, type PageRules } from '../rpc/paginate.js';
import { BuildManager } from './build-manager.js';
import { BuildSecretStore } from './build-secrets.js';
import { specFromRequest } from './build-spec.js';
import type { Builds } from './builds.js';
import { ContextStore } from './contexts.js';
import { containerBuilder } from './container-builder.js';
import { fileAssembler } from './image-builder.js';
import { BuildJournal } from './journal.js';
import { streamBuildLogsHandler } from './log-stream.js';
import { uploadBuildContextHandler } from './upload.js';

/** The local BuildService: its seven RPCs, and the builds ComputeService shares for image drafts. */
export function createBuildService(deps: LocalServiceDeps): { implementation: grpc.UntypedServiceImplementation; builds: Builds } {
  const contexts = new ContextStore(deps.store);
  const secrets = new BuildSecretStore(deps.store);
  const engine = deps.engine.container;
  const imageBuilder = engine
    ? containerBuilder({
        engine,
        imageMap: deps.engine.imageMap,
        pullTimeoutMs: deps.limits.pullTimeoutMs,
        authRoot: path.dirname(deps.store.filePath('engine-auth', 'probe')),
      })
    : fileAssembler;
  const builds = new BuildManager(deps, contexts, secrets, new BuildJournal(deps.store), imageBuilder);
  const orgOf = (call: { metadata: grpc.Metadata }) => deps.callers.identify(call.metadata).organization;

  const implementation: BuildServiceHandlers = {
    CreateBuild: unary((call) => {
      const caller = deps.callers.identify(call.metadata);
      const build = builds.start(specFromRequest(call.request, caller.organization), caller);
      return { build_id: build.build_id, status: build.status, build };
    }),
    GetBuild: unary((call) => ({ build: builds.getFor(call.request.build_id, orgOf(call)) })),
    ListBuilds: unary((call) => listBuilds(builds.list(orgOf(call)), call.request)),
    CancelBuild: unary((call) => ({ build: builds.cancel(call.request.build_id, orgOf(call)) })),
    SaveBuildSecrets: unary((call) => secrets.save(orgOf(call), call.request)),
    StreamBuildLogs: streamBuildLogsHandler(builds, deps.callers),
    UploadBuildContext: uploadBuildContextHandler(deps, contexts),
  };
  return { implementation, builds };
}

/** Newest first: build ids begin with their creation time, so the key order is the age order. */
const BUILD_PAGES: PageRules<Build__Output> = { keyOf: (build) => build.build_id, order: 'descending', defaultSize: 20, maxSize: 100 };

function listBuilds(all: Build__Output[], request: ListBuildsRequest__Output): ListBuildsResponse {
  const wanted = request.status === 'BUILD_STATUS_UNSPECIFIED' ? undefined : (request.status as BuildStatus__Output);
  const matching = all.filter((build) => (!wanted || build.status === wanted) && (!request.name || build.name === request.name));
  const page = paginate(matching, request, BUILD_PAGES);
  return { builds: page.items, next_cursor: page.next_cursor };
}
