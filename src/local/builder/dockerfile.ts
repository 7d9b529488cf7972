import { DockerfileParser, Keyword, type Flag, type Instruction, type Property } from 'dockerfile-ast';
import { BuildFailure } from './build-output.js';

export interface DockerfileStep {
  /** 1-based across the whole file, as in "Step 3/9". */
  number: number;
  keyword: string;
  /** The instruction on one line, as Docker's classic builder prints it. */
  text: string;
  line: number;
  instruction: Instruction;
}

export interface DockerfileStage {
  index: number;
  /** Lower-cased, as Docker compares stage names. */
  name: string | undefined;
  /** The stage's FROM first, then its instructions. */
  steps: DockerfileStep[];
}

export interface ParsedDockerfile {
  /** ARGs before the first FROM: usable in FROM lines only. */
  metaArgs: DockerfileStep[];
  stages: DockerfileStage[];
  totalSteps: number;
  escapeChar: string;
}

const KNOWN = new Set<string>(Object.values(Keyword));
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Parses with dockerfile-ast (the VS Code Docker language server's parser) and checks the structure Docker checks. */
export function parseDockerfile(text: string, fileName: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  if (instructions.length === 0) throw new BuildFailure(`the Dockerfile (${fileName}) cannot be empty`);
  const metaArgs: DockerfileStep[] = [];
  const stages: DockerfileStage[] = [];
  instructions.forEach((instruction, i) => {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    if (!KNOWN.has(keyword))
      throw new BuildFailure(`dockerfile parse error line ${line}: unknown instruction: ${instruction.getKeyword()}`);
    const step: DockerfileStep = { number: i + 1, keyword, text: instruction.toString(), line, instruction };
    if (keyword === 'FROM') {
      const name = fromStageName(step, stages);
      stages.push({ index: stages.length, name, steps: [step] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.steps.push(step);
    } else if (keyword === 'ARG') {
      metaArgs.push(step);
    } else {
      throw new BuildFailure(`dockerfile parse error line ${line}: ${keyword} before the first FROM: no build stage in current context`);
    }
  });
  if (stages.length === 0) throw new BuildFailure(`the Dockerfile (${fileName}) has no FROM: no build stage in current context`);
  return { metaArgs, stages, totalSteps: instructions.length, escapeChar: dockerfile.getEscapeCharacter() };
}

function fromStageName(step: DockerfileStep, stages: DockerfileStage[]): string | undefined {
  const args = step.instruction.getArguments().map((arg) => arg.getValue());
  if (args.length === 0) throw new BuildFailure(`dockerfile parse error line ${step.line}: FROM requires at least one argument`);
  if (args.length === 1) return undefined;
  if (args.length !== 3 || args[1]!.toUpperCase() !== 'AS') {
    throw new BuildFailure(`dockerfile parse error line ${step.line}: FROM requires either one or three arguments`);
  }
  const name = args[2]!.toLowerCase();
  if (!STAGE_NAME.test(name))
    throw new BuildFailure(`dockerfile parse error line ${step.line}: invalid name for build stage: "${args[2]}"`);
  if (stages.some((stage) => stage.name === name))
    throw new BuildFailure(`dockerfile parse error line ${step.line}: duplicate stage name "${name}"`);
  return name;
}

/** The image reference of a FROM, before substitution. */
export function fromImage(step: DockerfileStep): string {
  return step.instruction.getArguments()[0]!.getValue();
}

/**
 * The exec form (`["a", "b"]`) when the arguments are a JSON array of strings, as Docker decides;
 * otherwise the shell form text. dockerfile-ast's own JSON strings drop inner spaces, so the
 * arguments are read as text and parsed here.
 */
export function execOrShellForm(step: DockerfileStep): { exec: string[] } | { shell: string } {
  const content = (step.instruction.getArgumentsContent() ?? '').trim();
  if (content.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(content);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return { exec: parsed };
    } catch {
      // Not JSON: Docker falls back to the shell form, and so do we.
    }
  }
  return { shell: content.replace(/\s*\n\s*/g, ' ') };
}

/** `--name=value` flags of COPY, ADD, FROM and RUN; a flag without `=` has the value "true". */
export function stepFlags(step: DockerfileStep): Map<string, string> {
  const withFlags = step.instruction as Instruction & { getFlags?: () => Flag[] };
  const flags = new Map<string, string>();
  for (const flag of withFlags.getFlags?.() ?? []) flags.set(flag.getName(), flag.getValue() ?? 'true');
  return flags;
}

/** `NAME=value` pairs of ENV, LABEL and ARG, with each value's raw text (quotes kept) for substitution. */
export function stepProperties(step: DockerfileStep): { name: string; raw: string | null }[] {
  const withProperties = step.instruction as Instruction & { getProperties?: () => Property[] };
  return (withProperties.getProperties?.() ?? []).map((property) => ({ name: property.getName(), raw: property.getUnescapedValue() }));
}
