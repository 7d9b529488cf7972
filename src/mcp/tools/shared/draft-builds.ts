import type { ServerDeps } from '../../deps.js';

/**
 * Builds that save_image_draft started, per server: such a draft takes the image by itself when its
 * build succeeds, so get_build's next step there is test_draft, not save_image_draft again. Kept for
 * the server's lifetime only; a build this server did not start gets advice that covers both cases.
 */
const notes = new WeakMap<ServerDeps, Map<string, string>>();
const MAX_NOTES = 1000;

export function noteDraftBuild(deps: ServerDeps, buildId: string, appName: string): void {
  let byBuild = notes.get(deps);
  if (!byBuild) notes.set(deps, (byBuild = new Map()));
  byBuild.set(buildId, appName);
  // Oldest first out, so a long session cannot grow it without bound.
  if (byBuild.size > MAX_NOTES) byBuild.delete(byBuild.keys().next().value!);
}

/** The app whose draft this build feeds, when this server's save_image_draft started it. */
export function draftAppOf(deps: ServerDeps, buildId: string): string | undefined {
  return notes.get(deps)?.get(buildId);
}
