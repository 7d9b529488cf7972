import { z } from 'zod';
import type { GetAppStateResponse__Output } from '../../../contract/generated/dodil/ignite/v1/GetAppStateResponse.js';
import { appOutput, appShape, summarizeApp } from './app-summary.js';
import { summarizeVersion, versionShape } from './version-summary.js';

/** A running replica: the local Ignite's process of a version (0: the draft). */
const instanceShape = {
  instance_id: z.string(),
  version: z.number().describe('0: draft'),
  state: z.string().describe('READY or UNHEALTHY, probed now'),
  runs_as: z.string().describe('pid or container id'),
  ports: z.record(z.string(), z.number()).describe('Container port: reached on'),
};

export const appStateShape = {
  app: z.object(appShape),
  readiness: z.string().describe('READY, IDLE (starts on invoke), UNHEALTHY, BLOCKED, NOT_PUBLISHED'),
  readiness_detail: z.string(),
  active: z.object(versionShape).nullable(),
  draft: z
    .object({ image_ref: z.string(), image_digest: z.string(), build_id: z.string(), error: z.string(), tested: z.boolean() })
    .nullable(),
  instances: z.array(z.object(instanceShape)),
  version_count: z.number(),
};
export type AppState = z.output<z.ZodObject<typeof appStateShape>>;

/** What get_app declares: what a client decides on. Results carry the whole state above. */
export const appStateOutput = {
  app: appOutput,
  readiness: appStateShape.readiness,
  readiness_detail: z.string(),
  active: z.looseObject({ version: z.number(), image_digest: z.string(), tested: z.boolean() }).nullable(),
  draft: z.looseObject({ image_ref: z.string(), build_id: z.string(), tested: z.boolean() }).nullable(),
  instances: z.array(z.looseObject({ instance_id: z.string(), version: z.number(), state: instanceShape.state })),
  version_count: z.number(),
};

export function summarizeAppState(state: GetAppStateResponse__Output): AppState {
  if (!state.app) throw new Error('GetAppState returned no app');
  const draft = state.draft;
  const test = draft?.last_test;
  return {
    app: summarizeApp(state.app),
    readiness: state.readiness.replace(/^APP_READINESS_/, ''),
    readiness_detail: state.readiness_detail,
    active: state.active ? summarizeVersion(state.active) : null,
    draft: draft
      ? {
          image_ref: draft.image_ref,
          image_digest: draft.image_digest,
          build_id: draft.build_id,
          error: draft.error,
          tested: Boolean(test?.passed && test.image_digest === draft.image_digest),
        }
      : null,
    instances: state.instances.map((instance) => ({
      instance_id: instance.instance_id,
      version: instance.version,
      state: instance.state.replace(/^INSTANCE_STATE_/, ''),
      runs_as: instance.container_id ? `container ${instance.container_id}` : `pid ${instance.pid}`,
      ports: Object.fromEntries(Object.entries(instance.ports).map(([container, host]) => [container, Number(host)])),
    })),
    version_count: state.version_count,
  };
}
