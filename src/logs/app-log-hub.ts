import type { Logger } from '../shared/log.js';
import { BuildLogHub } from './build-log-hub.js';
import { followAppLog, type AppLogRequest, type StreamAppLogs } from './follow-log.js';

/**
 * The app log hub: one upstream StreamAppLogs per app and filter, however many resource
 * subscribers follow it. It is the build log hub's machinery (shared stream, recent lines for
 * late joiners, resume after the last seq through follow-log.ts) keyed by an app log request.
 */
export function createAppLogHub(options: { streamAppLogs: StreamAppLogs; logger: Logger; secrets: () => readonly string[] }): BuildLogHub {
  return new BuildLogHub({
    follow: (key, afterSeq, followOptions) => followAppLog(options.streamAppLogs, appLogRequestOf(key), afterSeq, followOptions),
    logger: options.logger,
    secrets: options.secrets,
    // An app's log may be silent for hours; a follower that loses it subscribes again.
    maxResumes: 8,
  });
}

/** The hub key of an app log request: the same app and filter share one upstream stream. */
export function appLogKey(request: AppLogRequest): string {
  const filter = request.filter ?? {};
  return JSON.stringify([
    request.organization_name ?? '',
    request.app_name ?? '',
    filter.version ?? 0,
    filter.draft ?? false,
    filter.execution_id ?? '',
  ]);
}

function appLogRequestOf(key: string): AppLogRequest {
  const [organization_name, app_name, version, draft, execution_id] = JSON.parse(key) as [string, string, number, boolean, string];
  return { organization_name, app_name, filter: { version, draft, execution_id } };
}
