import { fileURLToPath } from 'node:url';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';

/** A file:// root as a local path; other schemes, and file URLs naming another host, are not folders here. */
function folderOf(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The folders tools may read: the client's MCP roots when it declares them, else the configured
 * list, else the working directory (the caller passes those two as `fallback`). A client that declares
 * roots decides alone: roots it cannot list, or a list with no file:// folder, mean no folder at all,
 * never the fallback (with the working directory `/`, that would be the whole disk).
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
    let roots: Array<{ uri: string }>;
    try {
      ({ roots } = await this.server.listRoots(undefined, { timeout: 5000 }));
    } catch (err) {
      this.logger.warn("could not list the client's roots; no folder may be read until it answers", { error: String(err) });
      const reason = (err instanceof Error ? err.message : String(err)).split('\n', 1)[0]!.slice(0, 200);
      throw new UserError(
        `could not list the MCP client's roots (${reason}), so no folder may be read`,
        'Retry; if it persists, check the MCP client (it declares roots but does not answer roots/list).',
        { code: 'ROOTS_UNAVAILABLE', cause: err },
      );
    }
    const folders = roots.map((root) => folderOf(root.uri)).filter((folder): folder is string => folder !== undefined);
    if (folders.length > 0) return folders;
    const listed = roots.length === 0 ? 'none' : roots.map((root) => JSON.stringify(root.uri.slice(0, 200))).join(', ');
    throw new UserError(
      `the MCP client declares roots but lists no file:// folder (listed: ${listed}), so no folder may be read`,
      'Add the project folder to the MCP client as a root (a file:// URI), then retry; --allowed-root / IGNITE_MCP_ALLOWED_ROOTS apply only to clients that do not declare roots.',
      { code: 'NO_ALLOWED_FOLDERS' },
    );
  }
}
