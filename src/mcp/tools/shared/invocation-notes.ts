import type { ServerDeps } from '../../deps.js';

/** One call of an app that went through this server: test_draft (the draft) or invoke (the active version). */
export interface InvocationNote {
  kind: 'test_draft' | 'invoke';
  organization_name: string;
  status_code: number;
  execution_id: string;
  /** The version invoke reached; 0 for the draft. */
  version: number;
  /** The image test_draft ran; '' for invoke. */
  image_ref: string;
  duration_ms: number;
  at: string;
}

/**
 * The last calls of each app made through this server, newest first. Ignite keeps no list of
 * executions to ask for, so this is what there is to show besides the app's own log (the deploy
 * panel reads it as `ignite://apps/{app_name}/invocations`). Kept for the server's lifetime only.
 */
const notes = new WeakMap<ServerDeps, Map<string, InvocationNote[]>>();
const PER_APP = 20;
const MAX_APPS = 200;

export function noteInvocation(deps: ServerDeps, appName: string, note: Omit<InvocationNote, 'at'>): void {
  let byApp = notes.get(deps);
  if (!byApp) notes.set(deps, (byApp = new Map()));
  const list = byApp.get(appName) ?? [];
  byApp.delete(appName);
  byApp.set(appName, [{ ...note, at: new Date().toISOString() }, ...list].slice(0, PER_APP));
  // The app called longest ago goes first, so a long session cannot grow it without bound.
  if (byApp.size > MAX_APPS) byApp.delete(byApp.keys().next().value!);
}

export function invocationsOf(deps: ServerDeps, appName: string): readonly InvocationNote[] {
  return notes.get(deps)?.get(appName) ?? [];
}
