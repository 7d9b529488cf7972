import { isTerminalBuildStatus } from '../../contract/build-status.js';
import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { Logger } from '../../shared/log.js';
import type { Builds } from '../builder/builds.js';
import type { DraftBook, DraftRecord } from './drafts.js';

/**
 * Keeps from_code/from_git drafts in step with their builds: a watcher records the image (or the
 * failure) when the build ends, and every read reconciles too, so a draft whose watcher was lost
 * to a restart still catches up with what the BuildService knows.
 */
export class DraftBuilds {
  private readonly stopping = new AbortController();

  constructor(
    private readonly builds: Builds,
    private readonly drafts: DraftBook,
    private readonly logger: Logger,
  ) {}

  /** Follows the draft's build in the background until it ends. */
  watch(draft: DraftRecord): void {
    if (!draft.build_id) return;
    this.builds.waitForEnd(draft.build_id, this.stopping.signal).then(
      (build) => void this.settle(draft, build),
      (err: unknown) => {
        if (!this.stopping.signal.aborted)
          this.logger.warn('lost track of a draft build', { build_id: draft.build_id, error: String(err) });
      },
    );
  }

  /** The draft with whatever the BuildService now knows about its build. */
  refresh(draft: DraftRecord): DraftRecord {
    if (!draft.build_id || draft.image_ref || draft.error) return draft;
    const build = this.builds.get(draft.build_id);
    if (!build)
      return this.drafts.update(draft, {
        error: `build ${draft.build_id} is unknown to the BuildService; save the draft again to rebuild`,
      });
    return isTerminalBuildStatus(build.status) ? this.settle(draft, build) : draft;
  }

  /** The build's status while it has not ended, for "still building" answers. */
  pending(draft: DraftRecord): Build__Output | undefined {
    if (!draft.build_id || draft.image_ref || draft.error) return undefined;
    const build = this.builds.get(draft.build_id);
    return build && !isTerminalBuildStatus(build.status) ? build : undefined;
  }

  shutdown(): void {
    this.stopping.abort();
  }

  private settle(draft: DraftRecord, build: Build__Output): DraftRecord {
    if (build.status === 'BUILD_STATUS_SUCCEEDED') {
      const tag = `:${draftTag(draft)}`;
      const image_ref = build.image_refs.find((ref) => ref.endsWith(tag)) ?? build.image_refs[0] ?? '';
      if (!image_ref) return this.drafts.update(draft, { error: `build ${build.build_id} succeeded without an image ref` });
      return this.drafts.update(draft, { image_ref, image_digest: build.image_digest, error: '' });
    }
    const why = build.error || (build.status === 'BUILD_STATUS_CANCELLED' ? 'the build was cancelled' : 'the build failed');
    return this.drafts.update(draft, {
      error: `build ${build.build_id} ${build.status.replace('BUILD_STATUS_', '').toLowerCase()}: ${why}`,
    });
  }
}

/** The tag a draft build gets (see draft-source.ts). */
export function draftTag(draft: Pick<DraftRecord, 'code_hash'>): string {
  return `draft-${draft.code_hash.replace(/^sha256:/, '').slice(0, 12)}`;
}
