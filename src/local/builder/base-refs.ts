import { BuildFailure } from './build-output.js';
import { fromImage, stepFlags, stepProperties, type ParsedDockerfile } from './dockerfile.js';
import { expandWord, SubstitutionError } from './shell-words.js';

/**
 * The images a Dockerfile starts from, as an engine would resolve them: every FROM that names no
 * earlier stage (with ARGs before the first FROM and build args substituted) and every
 * `COPY --from=<image>`. `scratch` is no image.
 */
export function baseImagesOf(parsed: ParsedDockerfile, buildArgs: Readonly<Record<string, string>>): string[] {
  const metaArgs = new Map<string, string | undefined>();
  const expand = (word: string) => {
    try {
      return expandWord(word, (name) => metaArgs.get(name), parsed.escapeChar).trim();
    } catch (err) {
      if (err instanceof SubstitutionError) throw new BuildFailure(`failed to process "${word}": ${err.message}`);
      throw err;
    }
  };
  for (const step of parsed.metaArgs) {
    for (const { name, raw } of stepProperties(step)) {
      metaArgs.set(name, Object.hasOwn(buildArgs, name) ? buildArgs[name] : raw !== null ? expand(raw) : undefined);
    }
  }
  const images = new Set<string>();
  const stageNames = new Set<string>();
  for (const stage of parsed.stages) {
    const [from, ...steps] = stage.steps;
    const image = expand(fromImage(from!));
    if (!image) throw new BuildFailure(`base name (${fromImage(from!)}) should not be blank`);
    if (!stageNames.has(image.toLowerCase()) && image.toLowerCase() !== 'scratch') images.add(image);
    for (const step of steps) {
      if (step.keyword !== 'COPY' && step.keyword !== 'ADD') continue;
      const source = stepFlags(step).get('from');
      if (source && !stageNames.has(source.toLowerCase()) && !/^\d+$/.test(source)) images.add(source);
    }
    if (stage.name) stageNames.add(stage.name);
  }
  return [...images];
}
