/**
 * MCP Tasks (spec 2025-11-25, SDK 1.32's experimental API) for the tools that start a build. A
 * task-augmented call returns at once with a task that follows the build: its status is the
 * build's, its result the tool's answer once the build has ended, and tasks/cancel cancels the
 * build. Nothing of it lives only in memory: the task id names the build (and the app, for a
 * draft), so a restarted server answers for a task it did not create.
 *
 * A call that is not task-augmented goes the SDK's way for "optional" tools (it makes a task and
 * polls it); that task is already done, holding the call's own answer, so such a call answers as
 * fast as it always did.
 *
 * Spec 2026-07-28 moves tasks into an extension that is not wire-compatible with this one
 * (docs/mcp-sdk.md §4); only this file and the registration in define-tool.ts know about tasks.
 */
import { randomUUID } from 'node:crypto';
import type { CreateTaskOptions, TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks';
import type { CallToolResult, Request, RequestId, Result, Task } from '@modelcontextprotocol/sdk/types.js';
import { IgniteError } from '../../client/ignite-error.js';

/** What a task follows: the build a call started, and for a draft the app it belongs to. */
export interface TaskRef {
  tool: string;
  build: string;
  app?: string;
  org?: string;
}

export interface BuildTaskSource {
  /** The build's status (BUILD_STATUS_*) and error; undefined when the build is unknown. */
  buildStatus(buildId: string): Promise<{ status: string; error: string } | undefined>;
  cancelBuild(buildId: string): Promise<void>;
  /** The tool's answer once its build has ended. */
  settle(ref: TaskRef): Promise<CallToolResult>;
}

const PREFIX = 'ignite-build-task.';
const DEFAULT_TTL_MS = 24 * 3_600_000;
const POLL_MS = 1000;

export function taskIdOf(ref: TaskRef): string {
  return PREFIX + Buffer.from(JSON.stringify(ref)).toString('base64url');
}

export function refOfTaskId(taskId: string): TaskRef | undefined {
  if (!taskId.startsWith(PREFIX)) return undefined;
  try {
    const ref = JSON.parse(Buffer.from(taskId.slice(PREFIX.length), 'base64url').toString('utf8')) as Partial<TaskRef>;
    return typeof ref.tool === 'string' && typeof ref.build === 'string' ? (ref as TaskRef) : undefined;
  } catch {
    return undefined;
  }
}

interface Known {
  task: Task;
  sessionId: string | undefined;
  /** A call's own answer (not task-augmented, or it started no build). */
  result?: Result;
  cancelRequested?: boolean;
}

const STATUS: Readonly<Record<string, Task['status']>> = {
  BUILD_STATUS_PENDING: 'working',
  BUILD_STATUS_RUNNING: 'working',
  BUILD_STATUS_SUCCEEDED: 'completed',
  BUILD_STATUS_FAILED: 'failed',
  BUILD_STATUS_CANCELLED: 'cancelled',
};

export class BuildTaskStore implements TaskStore {
  private readonly known = new Map<string, Known>();

  constructor(private readonly source: BuildTaskSource) {}

  async createTask(params: CreateTaskOptions, _requestId: RequestId, request: Request, sessionId?: string): Promise<Task> {
    const now = new Date().toISOString();
    const context = (params.context ?? {}) as { ref?: TaskRef; result?: Result };
    const augmented = (request.params as { task?: unknown } | undefined)?.task !== undefined;
    const ttl = params.ttl === undefined ? DEFAULT_TTL_MS : params.ttl;
    if (augmented && context.ref) {
      const task: Task = {
        taskId: taskIdOf(context.ref),
        status: 'working',
        ttl,
        createdAt: now,
        lastUpdatedAt: now,
        pollInterval: params.pollInterval ?? POLL_MS,
      };
      this.known.set(task.taskId, { task, sessionId });
      return task;
    }
    const failed = (context.result as CallToolResult | undefined)?.isError === true;
    const task: Task = {
      taskId: `ignite-call-task.${randomUUID()}`,
      status: failed ? 'failed' : 'completed',
      ttl,
      createdAt: now,
      lastUpdatedAt: now,
      pollInterval: 0,
    };
    this.known.set(task.taskId, { task, sessionId, result: context.result ?? { content: [] } });
    return task;
  }

  async getTask(taskId: string, sessionId?: string): Promise<Task | null> {
    const known = this.known.get(taskId);
    if (known && !this.visible(known, sessionId)) return null;
    const ref = refOfTaskId(taskId);
    if (!ref) return known?.task ?? null;
    const build = await this.source.buildStatus(ref.build).catch((err: unknown) => {
      if (err instanceof IgniteError && err.codeName === 'NOT_FOUND') return undefined;
      throw err;
    });
    if (!build) return null;
    const base = known?.task ?? { taskId, ttl: DEFAULT_TTL_MS, createdAt: new Date().toISOString(), pollInterval: POLL_MS };
    const status = known?.cancelRequested && STATUS[build.status] === 'working' ? 'cancelled' : (STATUS[build.status] ?? 'working');
    const task: Task = {
      ...base,
      status,
      lastUpdatedAt: new Date().toISOString(),
      statusMessage: `build ${ref.build} ${build.status.replace(/^BUILD_STATUS_/, '')}${build.error ? `: ${build.error.slice(0, 200)}` : ''}`,
    };
    this.known.set(taskId, { ...(known ?? { sessionId }), task, sessionId: known?.sessionId ?? sessionId });
    return task;
  }

  async getTaskResult(taskId: string, sessionId?: string): Promise<Result> {
    const known = this.known.get(taskId);
    if (known && !this.visible(known, sessionId)) throw new Error(`task ${taskId} not found`);
    if (known?.result) return known.result;
    const ref = refOfTaskId(taskId);
    if (!ref) throw new Error(`task ${taskId} not found`);
    return this.source.settle(ref);
  }

  async storeTaskResult(taskId: string, status: 'completed' | 'failed', result: Result): Promise<void> {
    const known = this.known.get(taskId);
    if (known) this.known.set(taskId, { ...known, result, task: { ...known.task, status, lastUpdatedAt: new Date().toISOString() } });
  }

  /** tasks/cancel arrives here as a status change: cancelling a build task cancels the build. */
  async updateTaskStatus(taskId: string, status: Task['status'], _statusMessage?: string, sessionId?: string): Promise<void> {
    const known = this.known.get(taskId);
    if (known && !this.visible(known, sessionId)) return;
    const ref = refOfTaskId(taskId);
    if (status !== 'cancelled' || !ref) return;
    await this.source.cancelBuild(ref.build).catch((err: unknown) => {
      // A build that ended meanwhile cannot be cancelled; the task then shows how it ended.
      if (!(err instanceof IgniteError && err.codeName === 'FAILED_PRECONDITION')) throw err;
    });
    const task = known?.task ?? {
      taskId,
      status: 'cancelled',
      ttl: DEFAULT_TTL_MS,
      createdAt: new Date().toISOString(),
      lastUpdatedAt: new Date().toISOString(),
    };
    this.known.set(taskId, {
      ...(known ?? { sessionId }),
      task: { ...task, status: 'cancelled' },
      sessionId: known?.sessionId ?? sessionId,
      cancelRequested: true,
    });
  }

  async listTasks(cursor?: string, sessionId?: string): Promise<{ tasks: Task[]; nextCursor?: string }> {
    const mine = [...this.known.values()].filter((known) => this.visible(known, sessionId)).map((known) => known.task);
    const start = cursor ? Number(cursor) || 0 : 0;
    const page = mine.slice(start, start + 50);
    return start + 50 < mine.length ? { tasks: page, nextCursor: String(start + 50) } : { tasks: page };
  }

  private visible(known: Known, sessionId: string | undefined): boolean {
    return known.sessionId === undefined || sessionId === undefined || known.sessionId === sessionId;
  }
}
