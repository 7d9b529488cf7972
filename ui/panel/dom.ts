/**
 * The one way the panel makes elements. Everything from builds and apps (log lines, errors, image
 * names, response bodies) arrives here as `text` and is set as textContent: never parsed as HTML.
 * A test fails if any file of the panel uses innerHTML, outerHTML, insertAdjacentHTML or write().
 */
export interface Props {
  class?: string;
  text?: string;
  title?: string;
  /** data-* attributes, which tests and styles read. */
  data?: Record<string, string>;
}

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.title) node.title = props.title;
  if (props.data) for (const [key, value] of Object.entries(props.data)) node.dataset[key] = value;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Children without the absent ones, for replaceChildren. */
export function present(...children: Child[]): (Node | string)[] {
  return children.filter((child): child is Node | string => Boolean(child));
}

/** A button that runs `action` once per click; it is disabled while the action runs. */
export function button(label: string, action: () => Promise<void> | void, props: Props = {}): HTMLButtonElement {
  const node = el('button', { ...props, text: label });
  node.type = 'button';
  node.addEventListener('click', async () => {
    if (node.disabled) return;
    node.disabled = true;
    try {
      await action();
    } finally {
      node.disabled = false;
    }
  });
  return node;
}

/**
 * A button for what cannot be taken back by one click: the first click arms it ("Confirm …"),
 * the second runs it; it disarms after a few seconds.
 */
export function confirmButton(label: string, confirmLabel: string, action: () => Promise<void>, props: Props = {}): HTMLButtonElement {
  let armed: ReturnType<typeof setTimeout> | undefined;
  const disarm = () => {
    clearTimeout(armed);
    armed = undefined;
    node.textContent = label;
    node.classList.remove('armed');
  };
  const node = button(
    label,
    async () => {
      if (!armed) {
        node.textContent = confirmLabel;
        node.classList.add('armed');
        armed = setTimeout(disarm, 5000);
        return;
      }
      disarm();
      await action();
    },
    props,
  );
  return node;
}

/** "2026-05-01T10:00:00.000Z" as local time of day; '' for null. */
export function timeOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** A digest shortened for display; the whole one is the title. */
export function digestEl(digest: string): HTMLElement {
  if (!digest) return el('span', { class: 'muted', text: 'no digest' });
  const short = digest.replace(/^(sha256:)?([0-9a-f]{12})[0-9a-f]+$/, '$1$2…');
  return el('code', { text: short, title: digest });
}
