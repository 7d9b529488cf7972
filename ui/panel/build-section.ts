import { button, digestEl, el, present, seconds, timeOf } from './dom.js';
import { LogView, type LogLine } from './log-view.js';
import type { PanelServer } from './panel-server.js';
import { buildOf, failureOf, list, num, obj, str, type Build, type Failure } from './results.js';

/** read_build_logs' largest window: a 10,000-line log arrives in five calls. */
const MAX_LINES = 2000;
const MAX_BYTES = 512 * 1024;
/** How long to wait for new lines once caught up with a running build. */
const POLL_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One build: status (with the changes seen), timings, image and digest, the live log, and for a
 * failed build the first error line with the lines around it, marked in the log.
 */
export class BuildSection {
  readonly root: HTMLElement;
  private readonly log = new LogView('build log');
  private readonly status = el('span', { class: 'status', data: { status: '' } });
  private readonly title = el('h2');
  private readonly facts = el('dl', { class: 'facts' });
  private readonly timeline = el('p', { class: 'timeline', data: { history: '' } });
  private readonly warning = el('p', { class: 'warning' });
  private readonly errorBox = el('div', { class: 'error-box' });
  private readonly note = el('p', { class: 'note' });
  private readonly logHead = el('p', { class: 'log-head' });
  private readonly history: { status: string; at: number }[] = [];
  private readonly opened = Date.now();
  private build: Build;
  private ticking: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly server: PanelServer,
    buildId: string,
    initial: Build | undefined,
    failure: Failure | undefined,
  ) {
    this.build = initial ?? buildOf({ build_id: buildId });
    this.errorBox.hidden = true;
    this.warning.hidden = true;
    this.root = el(
      'section',
      { class: 'card build', data: { buildId } },
      el('header', {}, this.title, this.status),
      this.facts,
      this.timeline,
      this.warning,
      this.errorBox,
      this.logHead,
      this.log.root,
      this.note,
    );
    this.show(this.build, failure);
  }

  /** Follows the log to its end through read_build_logs, then shows the final record. */
  async follow(): Promise<void> {
    if (!this.server.tools) {
      this.note.textContent = 'This host does not pass tool calls on to the server, so the log cannot be followed here.';
      return;
    }
    const id = this.build.build_id;
    this.ticking = setInterval(() => this.showFacts(), 1000);
    try {
      let cursor = 0;
      // A section the panel replaced (the host sent another result) stops following.
      while (this.root.isConnected) {
        const window = await this.server.tool('read_build_logs', { build_id: id, cursor, max_lines: MAX_LINES, max_bytes: MAX_BYTES });
        this.log.append(list(window.lines).map((line) => ({ seq: num(obj(line).seq), text: str(obj(line).text) }) satisfies LogLine));
        cursor = num(window.next_cursor) || cursor;
        const status = str(window.status);
        if (status && status !== this.build.status) await this.refresh(status);
        this.showLogHead(num(window.last_seq), window.complete === true);
        if (window.complete === true) break;
        if (cursor >= num(window.last_seq)) await sleep(POLL_MS);
      }
      await this.refresh();
    } catch (err) {
      this.note.textContent = `Stopped following: ${(err as Error).message}`;
    } finally {
      clearInterval(this.ticking);
      this.showFacts();
    }
  }

  /** get_build: the record (timings, image, digest) and, for a failed build, its first error. */
  private async refresh(status?: string): Promise<void> {
    if (status) this.show({ ...this.build, status }, undefined);
    const result = await this.server.tool('get_build', { build_id: this.build.build_id });
    this.show(buildOf(result.build), failureOf(result.failure));
  }

  private show(build: Build, failure: Failure | undefined): void {
    this.build = build;
    this.title.textContent = `Build ${build.name || build.build_id}`;
    this.status.textContent = build.status;
    this.status.dataset.status = build.status;
    if (this.history.at(-1)?.status !== build.status) this.history.push({ status: build.status, at: Date.now() });
    this.timeline.dataset.history = this.history.map((entry) => entry.status).join(' ');
    this.timeline.textContent =
      'Seen: ' +
      this.history.map((entry, i) => (i === 0 ? entry.status : `${entry.status} ${seconds(entry.at - this.opened)}`)).join(' → ');
    this.warning.hidden = build.steps_not_executed.length === 0;
    this.warning.textContent = `${build.steps_not_executed.length} step(s) not executed: ${build.steps_not_executed.slice(0, 3).join('; ')}`;
    this.showFacts();
    if (failure) this.showFailure(failure);
  }

  private showFacts(): void {
    const build = this.build;
    const started = Date.parse(build.started_at);
    const running = !build.terminal && Number.isFinite(started);
    const rows: [string, Node | string][] = [
      ['id', el('code', { text: build.build_id })],
      ['image', build.image_refs[0] ? el('code', { text: build.image_refs.join(', ') }) : '—'],
      ['digest', digestEl(build.image_digest)],
      ['created', timeOf(build.created_at) || '—'],
      ['started', timeOf(build.started_at) || '—'],
      running
        ? ['running for', seconds(Date.now() - started)]
        : ['took', build.duration_ms ? seconds(build.duration_ms) : build.finished_at ? timeOf(build.finished_at) : '—'],
    ];
    this.facts.replaceChildren(...rows.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', {}, value)]));
  }

  private showLogHead(lastSeq: number, complete: boolean): void {
    const progress = complete ? 'complete' : `${this.log.length} of ${lastSeq} lines, following`;
    this.logHead.replaceChildren(
      el('span', { text: `Log: ${this.log.length} lines (${progress})` }),
      button('Top', () => this.log.reveal(1)),
    );
  }

  private showFailure(failure: Failure): void {
    this.errorBox.hidden = false;
    this.log.markError(failure.seq);
    const context: Node[] = [];
    for (let seq = failure.from; seq <= failure.to && seq > 0; seq++) {
      const text = this.log.textOf(seq);
      if (text === undefined) continue;
      context.push(
        el(
          'div',
          { class: seq === failure.seq ? 'context-line error-line' : 'context-line' },
          el('span', { class: 'seq', text: String(seq) }),
          el('span', { text }),
        ),
      );
    }
    this.errorBox.replaceChildren(
      ...present(
        el('strong', { text: failure.seq ? `First error, line ${failure.seq}` : 'Error' }),
        el('pre', { class: 'first-error', text: failure.line || this.build.error }),
        context.length > 0 ? el('div', { class: 'context' }, ...context) : null,
        failure.seq ? button('Show in log', () => this.log.reveal(failure.seq)) : null,
      ),
    );
  }
}
