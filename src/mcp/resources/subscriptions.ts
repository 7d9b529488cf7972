import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ServerDeps } from '../deps.js';
import { appLogKey } from '../../logs/app-log-hub.js';
import { appLogRequest } from './app-log-resources.js';
import { parseAppLogsUri } from './app-log-uris.js';
import { parseBuildUri } from './build-uris.js';

/**
 * Resource subscriptions for build resources and app logs (ignite://apps/{app}/logs…, followed
 * through the app log hub, one update per batch of new lines, until unsubscribed).
 * For builds, a subscribed URI follows the build through the
 * shared log hub and gets `notifications/resources/updated` as lines or status changes arrive,
 * coalesced to one notification per URI per turn of the event loop; nothing is sent for URIs
 * that are not subscribed, and following stops on unsubscribe or when the build ends.
 */
export class BuildSubscriptions {
  private readonly subscribed = new Map<string, () => void>();
  private readonly pending = new Set<string>();
  private flushScheduled = false;

  constructor(
    private readonly server: McpServer,
    private readonly deps: ServerDeps,
  ) {
    server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
      this.subscribe(request.params.uri);
      return {};
    });
    server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
      this.unsubscribe(request.params.uri);
      return {};
    });
  }

  get count(): number {
    return this.subscribed.size;
  }

  subscribe(uri: string): void {
    const appLogs = parseAppLogsUri(uri);
    if (appLogs) return this.subscribeAppLogs(uri, appLogs);
    const ref = parseBuildUri(uri);
    // Another scheme is no resource of ours and never changes: the subscription is accepted and stays
    // silent (as the MCP conformance suite expects). A malformed ignite:// URI is the caller's mistake.
    if (!ref && !uri.startsWith('ignite://')) return;
    if (!ref)
      throw new McpError(
        ErrorCode.InvalidParams,
        `cannot subscribe to ${uri}: only ignite://builds/{build_id}, ignite://builds/{build_id}/logs and ignite://apps/{app_name}/logs`,
      );
    if (this.subscribed.has(uri)) return;
    let stopped = false;
    const stop = this.deps.logs.follow(
      ref.buildId,
      (event) => {
        if (stopped) return;
        if (event.kind === 'line' && ref.kind === 'logs') this.schedule(uri);
        if (event.kind === 'status') this.schedule(uri);
        if ((event.kind === 'status' && event.terminal) || event.kind === 'failed') {
          if (event.kind === 'failed') {
            this.deps.logger.warn(`stopped following ${uri}`, { error: String(event.error) });
            // One last update, so a client waiting on notifications reads and learns where things stand.
            this.schedule(uri);
          }
          stopped = true;
          queueMicrotask(stop);
        }
      },
      ref.kind === 'logs' ? ref.afterSeq : 0,
    );
    this.subscribed.set(uri, () => {
      stopped = true;
      stop();
    });
  }

  private subscribeAppLogs(uri: string, ref: NonNullable<ReturnType<typeof parseAppLogsUri>>): void {
    if (this.subscribed.has(uri)) return;
    let stopped = false;
    const stop = this.deps.appLogs.follow(
      appLogKey(appLogRequest(this.deps, ref)),
      (event) => {
        if (stopped) return;
        if (event.kind === 'line') this.schedule(uri);
        if (event.kind === 'failed') {
          this.deps.logger.warn(`stopped following ${uri}`, { error: String(event.error) });
          this.schedule(uri);
          stopped = true;
          queueMicrotask(stop);
        }
      },
      ref.afterSeq,
    );
    this.subscribed.set(uri, () => {
      stopped = true;
      stop();
    });
  }

  unsubscribe(uri: string): void {
    this.subscribed.get(uri)?.();
    this.subscribed.delete(uri);
    this.pending.delete(uri);
  }

  close(): void {
    for (const stop of this.subscribed.values()) stop();
    this.subscribed.clear();
    this.pending.clear();
  }

  private schedule(uri: string): void {
    this.pending.add(uri);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const target of uris) {
        if (!this.subscribed.has(target)) continue;
        this.server.server.sendResourceUpdated({ uri: target }).catch((err: unknown) => {
          this.deps.logger.debug('could not send resources/updated', { uri: target, error: String(err) });
        });
      }
    });
  }
}
