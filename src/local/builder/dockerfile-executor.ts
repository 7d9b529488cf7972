import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ImageConfig } from '../images.js';
import { abortableDelay, BuildFailure, type BuildOutput } from './build-output.js';
import { runCopyStep, type CopyEnvironment, type SourceRoot } from './copy-step.js';
import { execOrShellForm, stepProperties, type DockerfileStep, type ParsedDockerfile } from './dockerfile.js';
import { ensureDirInScope } from './scoped-fs.js';
import { expandWord, SubstitutionError } from './shell-words.js';
import { startStage, type Stage, type StageSource } from './stage-base.js';

export interface ExecuteOptions extends Omit<CopyEnvironment, 'resolveFrom'> {
  /** Build args as the Dockerfile sees them (request args and the org's build secrets). */
  buildArgs: Readonly<Record<string, string>>;
  /** Names whose values must never be echoed (build secrets). */
  secretArgs: ReadonlySet<string>;
  platform: string;
  stageSources: StageSource;
  /** Test hook: a pause before each step so a build can be watched or cancelled mid-way. */
  stepDelayMs: number;
}

export interface ExecuteResult {
  rootfsDir: string;
  config: ImageConfig;
  stepsNotExecuted: string[];
}

const RECORDED_ONLY = new Set(['HEALTHCHECK', 'VOLUME', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']);

/** Executes a parsed Dockerfile stage by stage, logging like Docker's classic builder. */
export async function executeDockerfile(parsed: ParsedDockerfile, options: ExecuteOptions): Promise<ExecuteResult> {
  const { output, signal } = options;
  const consumed = new Set<string>();
  const metaArgs = new Map<string, string | undefined>(platformArgs(options.platform));
  const stages: Stage[] = [];
  const stepsNotExecuted: string[] = [];
  let chain = '';
  const announce = (step: DockerfileStep) => output.system(`Step ${step.number}/${parsed.totalSteps} : ${step.text}`);
  const finish = (step: DockerfileStep, state: unknown) => {
    chain = createHash('sha256')
      .update(`${chain}\n${step.text}\n${JSON.stringify(state)}`)
      .digest('hex');
    output.system(` ---> ${chain.slice(0, 12)}`);
  };
  const expander = (lookup: (name: string) => string | undefined) => (word: string) => {
    try {
      return expandWord(word, lookup, parsed.escapeChar);
    } catch (err) {
      if (err instanceof SubstitutionError) throw new BuildFailure(`failed to process "${word}": ${err.message}`);
      throw err;
    }
  };

  for (const step of parsed.metaArgs) {
    announce(step);
    declareArgs(
      step,
      metaArgs,
      metaArgs,
      options.buildArgs,
      consumed,
      expander((name) => metaArgs.get(name)),
    );
    finish(step, [...metaArgs.keys()]);
  }
  // The stage being built is the last one; --from may only name those before it.
  const copyEnv: CopyEnvironment = { ...options, resolveFrom: (ref) => resolveFrom(ref, stages.slice(0, -1), options.stageSources) };
  for (const definition of parsed.stages) {
    let stage: Stage | undefined;
    for (const step of definition.steps) {
      announce(step);
      await abortableDelay(options.stepDelayMs, signal);
      if (!stage) {
        stage = await startStage(
          step,
          definition,
          stages,
          expander((name) => metaArgs.get(name)),
          options,
        );
        stages.push(stage);
        finish(step, stage.config);
        continue;
      }
      const current = stage;
      const expand = expander((name) => current.config.env[name] ?? current.args.get(name));
      if (step.keyword === 'ARG') declareArgs(step, current.args, metaArgs, options.buildArgs, consumed, expand);
      else if (step.keyword === 'RUN') {
        stepsNotExecuted.push(step.text);
        output.system(' ---> Not executed: the local Ignite has no container engine, so RUN steps are recorded, not run');
      } else if (step.keyword === 'COPY' || step.keyword === 'ADD') {
        await runCopyStep(step, current.dir, current.config.workdir, expand, copyEnv);
      } else if (RECORDED_ONLY.has(step.keyword)) {
        output.system(` ---> ${step.keyword} recorded only: it is not part of the local Ignite's image config`);
      } else await applyConfigStep(step, current, expand);
      finish(step, current.config);
    }
  }
  const unused = Object.keys(options.buildArgs).filter((name) => !consumed.has(name) && !options.secretArgs.has(name));
  if (unused.length > 0) output.system(`[Warning] One or more build-args [${unused.sort().join(' ')}] were not consumed`);
  const last = stages[stages.length - 1]!;
  return { rootfsDir: last.dir, config: last.config, stepsNotExecuted };
}

function declareArgs(
  step: DockerfileStep,
  scope: Map<string, string | undefined>,
  metaArgs: ReadonlyMap<string, string | undefined>,
  buildArgs: Readonly<Record<string, string>>,
  consumed: Set<string>,
  expand: (word: string) => string,
): void {
  for (const { name, raw } of stepProperties(step)) {
    if (Object.hasOwn(buildArgs, name)) {
      consumed.add(name);
      scope.set(name, buildArgs[name]);
    } else {
      scope.set(name, raw !== null ? expand(raw) : metaArgs.get(name));
    }
  }
}

async function applyConfigStep(step: DockerfileStep, stage: Stage, expand: (word: string) => string): Promise<void> {
  const { config } = stage;
  const text = () => expand((step.instruction.getArgumentsContent() ?? '').trim());
  switch (step.keyword) {
    case 'ENV': {
      const properties = stepProperties(step);
      if (properties.length === 0) throw new BuildFailure(`dockerfile parse error line ${step.line}: ENV requires at least one argument`);
      if (properties.some(({ raw }) => raw === null))
        throw new BuildFailure(`dockerfile parse error line ${step.line}: ENV must have two arguments`);
      // Every value on one ENV line sees the variables as they were before the line.
      const values = properties.map(({ name, raw }) => [name, expand(raw ?? '')] as const);
      for (const [name, value] of values) config.env[name] = value;
      return;
    }
    case 'LABEL':
      for (const { name, raw } of stepProperties(step)) config.labels[expand(name)] = expand(raw ?? '');
      return;
    case 'WORKDIR':
      config.workdir = path.posix.resolve(config.workdir || '/', text());
      await ensureDirInScope(stage.dir, config.workdir);
      return;
    case 'USER':
      config.user = text();
      return;
    case 'EXPOSE':
      for (const arg of step.instruction.getArguments()) config.exposed_ports.push(...parsePorts(expand(arg.getValue())));
      config.exposed_ports = [...new Set(config.exposed_ports)].sort((a, b) => a - b);
      return;
    case 'SHELL': {
      const form = execOrShellForm(step);
      if (!('exec' in form) || form.exec.length === 0) throw new BuildFailure('SHELL requires the arguments to be in JSON form');
      stage.shell = form.exec;
      return;
    }
    case 'CMD':
    case 'ENTRYPOINT': {
      const form = execOrShellForm(step);
      const command = 'exec' in form ? form.exec : [...stage.shell, form.shell];
      if (step.keyword === 'CMD') {
        config.cmd = command;
        stage.cmdSetHere = true;
      } else {
        config.entrypoint = command;
        if (!stage.cmdSetHere) config.cmd = [];
      }
      return;
    }
    default:
      throw new BuildFailure(`the local Ignite cannot handle ${step.keyword}`);
  }
}

function parsePorts(spec: string): number[] {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
  const first = Number(match?.[1]);
  const last = match?.[2] === undefined ? first : Number(match[2]);
  if (!match || first < 1 || last > 65535 || last < first || last - first > 1000) throw new BuildFailure(`Invalid containerPort: ${spec}`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

async function resolveFrom(ref: string, stages: Stage[], sources: StageSource): Promise<SourceRoot> {
  const byName = stages.find((stage) => stage.name === ref.toLowerCase() || String(stage.index) === ref);
  if (byName) return { dir: byName.dir, label: `stage ${byName.name ?? byName.index}` };
  const image = sources.localImage(ref);
  if (image) return { dir: image.rootfs_dir, label: `image ${ref}` };
  throw new BuildFailure(
    `COPY --from=${ref}: no earlier build stage of that name, and the local Ignite cannot pull images (only localhost/... images it built are available)`,
  );
}

function platformArgs(platform: string): [string, string][] {
  const host = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const target = platform || host;
  const [os = 'linux', arch = 'amd64', variant = ''] = target.split('/');
  return [
    ['TARGETPLATFORM', target],
    ['TARGETOS', os],
    ['TARGETARCH', arch],
    ['TARGETVARIANT', variant],
    ['BUILDPLATFORM', host],
    ['BUILDOS', 'linux'],
    ['BUILDARCH', host.split('/')[1]!],
    ['BUILDVARIANT', ''],
  ];
}
