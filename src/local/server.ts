import { rmSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { loadIgniteProtos } from '../contract/load.js';
import { silentLogger, type Logger } from '../shared/log.js';
import { CallerPolicy } from './rpc/caller.js';
import { CallGate } from './rpc/call-gate.js';
import { ImageRegistry } from './images.js';
import { openLocalStore, type LocalStore } from './store.js';
import { createBuildService } from './builder/service.js';
import { createComputeService } from './compute/service.js';
import { createSecretService } from './secret/service.js';
import { RpcError, toServiceError } from './rpc/errors.js';
import { DEFAULT_LOCAL_LIMITS, type LocalLimits } from './limits.js';
import { FaultInjector, type FaultRule } from './faults/injector.js';
import type { LocalServiceDeps } from './deps.js';
import { STANDARD_PATH } from './runner/command.js';
import { listen, type Listening } from './listen.js';

export { ListenError } from './listen.js';
import type { EngineChoice, EngineName } from './engines/engine-choice.js';
import { setUpEngine, sweepContainers } from './engines/setup.js';

export interface LocalIgniteOptions {
  /** Listen address; loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Listen on this Unix domain socket (mode 0600) instead of TCP; `host` and `port` are then unused. */
  socketPath?: string;
  /** State directory; undefined keeps records in memory and files in a temp dir (tests). */
  dataDir?: string;
  /** When set, calls must carry this bearer token (UNAUTHENTICATED otherwise). */
  requiredToken?: string;
  /** Tokens that each stand for an organization (see CallerPolicyOptions.identities). */
  identities?: ReadonlyArray<{ token: string; organization: string }>;
  defaultOrganization?: string;
  limits?: Partial<LocalLimits>;
  logger?: Logger;
  /** What child processes start from (see LocalServiceDeps.hostEnv); by default only a standard PATH. */
  hostEnv?: Readonly<Record<string, string>>;
  /** Fault rules active from the start (see faults/injector.ts); more can be added through `faults`. */
  faults?: readonly FaultRule[];
  /**
   * What builds images and runs apps (engines/engine-choice.ts). 'process' when omitted, so an
   * embedding keeps its behaviour; the command line's default is 'auto'.
   */
  engine?: EngineChoice;
  /** Where the podman store lives; default <data directory>/engine. Tests share one per file. */
  engineStoreDir?: string;
  /** What the engine CLI starts from (hostEnv plus HOME, DOCKER_HOST, ...); default hostEnv. */
  engineEnv?: Readonly<Record<string, string>>;
  /** Image map entries (IGNITE_MCP_IMAGE_MAP), over the data directory's image-map.txt. */
  imageMap?: Readonly<Record<string, string>>;
}

export interface LocalIgnite {
  /** The gRPC target to dial, plaintext: host:port, or unix:<path> for a socket. */
  readonly endpoint: string;
  /** What was really bound: the socket path, or host:port as asked (0.0.0.0:50051 listens on every interface). */
  readonly bound: string;
  /** The TCP port; 0 on a socket. */
  readonly port: number;
  readonly store: LocalStore;
  /** Injects failures, cuts, latency and hangs into calls, for tests and `ignite-mcp local --faults`. */
  readonly faults: FaultInjector;
  /** What is in use now; the local Ignite is idle when every count is zero. */
  activity(): LocalActivity;
  /** Which engine builds and runs: "podman", "docker" or "process". */
  readonly engine: EngineName;
  /** Stops accepting calls, cancels builds, stops app processes and containers, and closes the store. */
  close(): Promise<void>;
}

export interface LocalActivity {
  /** Calls in flight: unary calls, uploads, log streams, invocations. */
  calls: number;
  /** Builds pending or running. */
  builds: number;
}

/** Enough for a child to find git and interpreters, and nothing of the caller's environment. */
const DEFAULT_HOST_ENV: Readonly<Record<string, string>> = Object.freeze({ PATH: STANDARD_PATH });

/** Methods that answer without credentials, as on the real service. */
const UNAUTHENTICATED_METHODS = new Set(['HealthCheck']);
const UNAUTHENTICATED_PATHS = new Set(['/dodil.ignite.v1.ComputeService/HealthCheck']);

/** Starts the local Ignite: BuildService, ComputeService and SecretService with server reflection. */
export async function startLocalIgnite(options: LocalIgniteOptions = {}): Promise<LocalIgnite> {
  const logger = options.logger ?? silentLogger;
  const store = openLocalStore(options.dataDir);
  const callers = new CallerPolicy({
    requiredToken: options.requiredToken,
    ...(options.identities ? { identities: options.identities } : {}),
    defaultOrganization: options.defaultOrganization ?? 'local',
  });
  const hostEnv = options.hostEnv ?? DEFAULT_HOST_ENV;
  const engine = await setUpEngine({
    choice: options.engine ?? 'process',
    store,
    storeDir: options.engineStoreDir,
    env: options.engineEnv ?? hostEnv,
    imageMap: options.imageMap ?? {},
    logger,
  }).catch((err: unknown) => {
    store.close();
    throw err;
  });
  const deps: LocalServiceDeps = {
    store,
    images: new ImageRegistry(store),
    callers,
    limits: { ...DEFAULT_LOCAL_LIMITS, ...options.limits },
    logger,
    hostEnv,
    engine,
  };
  const buildService = createBuildService(deps);
  const secretService = createSecretService(deps);
  const computeService = createComputeService({ ...deps, builds: buildService.builds, vault: secretService.vault });

  const faults = new FaultInjector(options.faults);
  if (options.faults?.length) logger.warn(`fault injection is on: ${options.faults.length} rule(s)`, { rules: options.faults });
  const { v1, packageDefinition } = loadIgniteProtos();
  const gate = new CallGate(callers, UNAUTHENTICATED_PATHS);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    'grpc.max_send_message_length': 16 * 1024 * 1024,
    // Credentials are checked for every service, reflection included, before any handler runs.
    interceptors: [gate.interceptor],
  });
  const guard = (definition: grpc.ServiceDefinition, impl: grpc.UntypedServiceImplementation) =>
    guardImplementation(definition, impl, callers, logger, faults);
  server.addService(v1.BuildService.service, guard(v1.BuildService.service, buildService.implementation));
  server.addService(v1.ComputeService.service, guard(v1.ComputeService.service, computeService.implementation));
  server.addService(v1.SecretService.service, guard(v1.SecretService.service, secretService.implementation));
  new ReflectionService(packageDefinition as never).addToServer(server);

  const shutdownServices = async () => {
    await Promise.allSettled([computeService.shutdown(), buildService.builds.shutdown()]);
    await sweepContainers(engine, { resetStore: !store.persistent && options.engineStoreDir === undefined });
  };
  let listening: Listening;
  try {
    listening = await listen(server, options);
  } catch (err) {
    server.forceShutdown();
    await shutdownServices();
    store.close();
    throw err;
  }
  logger.info(`local Ignite listening on ${listening.bound}`, { data: store.persistent ? store.dir : 'in memory' });

  let closing: Promise<void> | undefined;
  return {
    ...listening,
    store,
    faults,
    activity: () => ({ calls: gate.callsInFlight, builds: buildService.builds.activeCount() }),
    engine: engine.name,
    close() {
      closing ??= (async () => {
        faults.release();
        // Builds and apps stop first: a client following a running build's log would otherwise
        // hold tryShutdown open until that build ended.
        const drained = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
        await shutdownServices();
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
        server.forceShutdown();
        if (options.socketPath) rmSync(options.socketPath, { force: true });
        store.close();
      })();
      return closing;
    },
  };
}

/**
 * Checks credentials before any handler runs and turns anything a handler throws into a status,
 * so every method answers like the real service whatever went wrong inside.
 */
function guardImplementation(
  definition: grpc.ServiceDefinition,
  impl: grpc.UntypedServiceImplementation,
  callers: CallerPolicy,
  logger: Logger,
  faults: FaultInjector,
): grpc.UntypedServiceImplementation {
  const guarded: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const handler = impl[name] as ((...args: unknown[]) => unknown) | undefined;
    const methodName = method.originalName ?? name;
    const fail = (err: unknown) => toServiceError(err, logger, methodName);
    guarded[name] = (
      call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
      callback?: grpc.sendUnaryData<unknown>,
    ) => {
      const respond = (err: Partial<grpc.StatusObject> & Error) => {
        if (callback) callback(err);
        // On a server stream, destroy() ends the call without a status and the client hangs;
        // emitting 'error' is how grpc-js sends one.
        else (call as grpc.ServerWritableStream<unknown, unknown>).emit('error', err);
      };
      const run = () => {
        try {
          if (!UNAUTHENTICATED_METHODS.has(name)) callers.identify(call.metadata);
          if (!handler) throw new RpcError(grpc.status.UNIMPLEMENTED, `${methodName} is not implemented by the local Ignite`);
          const result = handler.call(impl, call, callback);
          if (result instanceof Promise) result.catch((err: unknown) => respond(fail(err)));
        } catch (err) {
          respond(fail(err));
        }
      };
      faults.intercept({ method: name, serverStreaming: method.responseStream, call, respond, run });
    };
  }
  return guarded;
}
