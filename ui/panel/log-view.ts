import { el } from './dom.js';

export interface LogLine {
  seq: number;
  text: string;
}

/** Every row is this tall (CSS sets the same line-height), so a row's place is its index times this. */
const ROW_PX = 18;
/** Rows rendered beyond the visible ones on each side, so a scroll shows no blank band. */
const OVERSCAN = 20;
/** The view grows with the log up to this height, then scrolls. */
const MAX_VIEW_PX = 320;
/** A line longer than this is cut for display; the log resource has it whole. */
const MAX_CHARS = 4000;

/**
 * A windowed log: however many lines it holds (10,000 and more), only the rows in view are in the
 * DOM, recycled as it scrolls. It follows new lines while scrolled to the bottom, and marks the
 * first error line.
 */
export class LogView {
  readonly root: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement[] = [];
  private seqs: number[] = [];
  private texts: string[] = [];
  private widest = 0;
  private errorSeq = 0;
  private scheduled = false;

  constructor(label: string) {
    this.spacer = el('div', { class: 'log-spacer' });
    this.viewport = el('div', { class: 'log-viewport', data: { lines: '0', lastSeq: '0' } }, this.spacer);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'log');
    this.viewport.setAttribute('aria-label', label);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.root = el('div', { class: 'log' }, this.viewport);
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get lastSeq(): number {
    return this.seqs.at(-1) ?? 0;
  }

  get length(): number {
    return this.seqs.length;
  }

  /** The text of line `seq`, if it has arrived. */
  textOf(seq: number): string | undefined {
    const index = this.indexOf(seq);
    return index === undefined ? undefined : this.texts[index];
  }

  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const following = this.atBottom();
    for (const line of lines) {
      if (line.seq <= this.lastSeq && this.seqs.length > 0) continue; // a line read twice is shown once
      const text = line.text.length > MAX_CHARS ? `${line.text.slice(0, MAX_CHARS)}… (${line.text.length} characters)` : line.text;
      this.seqs.push(line.seq);
      this.texts.push(text);
      this.widest = Math.max(this.widest, text.length + String(line.seq).length + 2);
    }
    this.resize();
    if (following) this.viewport.scrollTop = this.viewport.scrollHeight;
    this.schedule();
  }

  /** Replaces everything (another log, such as the app's). */
  replace(lines: readonly LogLine[]): void {
    this.seqs = [];
    this.texts = [];
    this.widest = 0;
    this.errorSeq = 0;
    this.viewport.scrollTop = 0;
    this.append(lines);
  }

  markError(seq: number): void {
    this.errorSeq = seq;
    this.schedule();
  }

  /** Scrolls so that line `seq` is in view, a few rows from the top. */
  reveal(seq: number): void {
    const index = this.indexOf(seq);
    if (index === undefined) return;
    this.viewport.scrollTop = Math.max(0, (index - 3) * ROW_PX);
    this.render();
  }

  private atBottom(): boolean {
    const view = this.viewport;
    return view.scrollTop + view.clientHeight >= view.scrollHeight - ROW_PX;
  }

  private indexOf(seq: number): number | undefined {
    // Sequence numbers only grow: a binary search finds a line among any number of them.
    let low = 0;
    let high = this.seqs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = this.seqs[mid]!;
      if (value === seq) return mid;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  private resize(): void {
    this.spacer.style.height = `${this.seqs.length * ROW_PX}px`;
    this.spacer.style.width = `${this.widest + 2}ch`;
    // One row more than the lines, for a horizontal scrollbar.
    this.viewport.style.height = `${Math.min(MAX_VIEW_PX, (Math.max(this.seqs.length, 2) + 1) * ROW_PX)}px`;
    this.viewport.dataset.lines = String(this.seqs.length);
    this.viewport.dataset.lastSeq = String(this.lastSeq);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  private render(): void {
    const view = this.viewport;
    const first = Math.max(0, Math.floor(view.scrollTop / ROW_PX) - OVERSCAN);
    const last = Math.min(this.seqs.length, Math.ceil((view.scrollTop + view.clientHeight) / ROW_PX) + OVERSCAN);
    const count = Math.max(0, last - first);
    while (this.rows.length < count) {
      const row = el('div', { class: 'log-row' }, el('span', { class: 'seq' }), el('span', { class: 'text' }));
      this.rows.push(row);
      this.spacer.append(row);
    }
    this.rows.forEach((row, i) => {
      const index = first + i;
      if (i >= count) {
        row.hidden = true;
        return;
      }
      const seq = this.seqs[index]!;
      row.hidden = false;
      row.style.transform = `translateY(${index * ROW_PX}px)`;
      row.dataset.seq = String(seq);
      row.classList.toggle('error-line', seq === this.errorSeq);
      (row.firstChild as HTMLElement).textContent = String(seq);
      (row.lastChild as HTMLElement).textContent = this.texts[index]!;
    });
  }
}
