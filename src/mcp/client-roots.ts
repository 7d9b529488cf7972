import { fileURLToPath } from 'node:url';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../shared/log.js';

/**
 * The folders tools may read: the client's MCP roots when it offers them, else the configured
 * list, else the working directory (the caller passes those two as `fallback`).
 */
export class AllowedRoots {
  private cached: Promise<string[]> | undefined;

  constructor(
    private readonly server: Server,
    private readonly fallback: readonly string[],
    private readonly logger: Logger,
  ) {
    server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
      this.cached = undefined;
    });
  }

  current(): Promise<string[]> {
    this.cached ??= this.load().catch((err: unknown) => {
      this.cached = undefined;
      throw err;
    });
    return this.cached;
  }

  private async load(): Promise<string[]> {
    if (!this.server.getClientCapabilities()?.roots) return [...this.fallback];
    try {
      const { roots } = await this.server.listRoots(undefined, { timeout: 5000 });
      const folders = roots.filter((root) => root.uri.startsWith('file://')).map((root) => fileURLToPath(root.uri));
      if (folders.length > 0) return folders;
      this.logger.warn('the client offered no file:// roots; using the configured folders');
    } catch (err) {
      this.logger.warn("could not list the client's roots; using the configured folders", { error: String(err) });
    }
    return [...this.fallback];
  }
}
