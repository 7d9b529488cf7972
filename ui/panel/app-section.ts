import { button, confirmButton, digestEl, el, present, timeOf } from './dom.js';
import { LogView } from './log-view.js';
import type { PanelServer } from './panel-server.js';
import { list, num, obj, str, textOf, type Json } from './results.js';

/** The app-logs resource another part of the server adds (`ignite://apps/{app}/logs…`); the button shows only when it is offered. */
const APP_LOGS_TEMPLATE = /^ignite:\/\/apps\/\{[^}]+\}\/logs(\{[^}]*\})?$/;

/** An HTTP exchange a tool result reported (test_draft, invoke), shown as the panel opened with it. */
export interface Exchange {
  kind: string;
  status_code: number;
  execution_id: string;
  body: string;
}

/**
 * One app: readiness, the active version, the draft and whether its digest passed test_draft, the
 * last test result, the last invocations with their status codes, the versions (with rollback),
 * and the app's log when the server offers it. Publish and rollback are tool calls through the
 * host, so its confirmation (and the server's consent question) apply.
 */
export class AppSection {
  readonly root: HTMLElement;
  private readonly body = el('div', { class: 'app-body' });
  private readonly outcome = el('p', { class: 'outcome' });
  private readonly logs = new LogView('app log');
  private readonly actions = el('div', { class: 'actions' });

  constructor(
    private readonly server: PanelServer,
    private readonly appName: string,
    private readonly organization: string,
    private readonly opened: { exchange?: Exchange; outcome?: string },
  ) {
    this.logs.root.hidden = true;
    this.outcome.textContent = opened.outcome ?? '';
    this.root = el(
      'section',
      { class: 'card app', data: { app: appName } },
      el('header', {}, el('h2', { text: `App ${appName}` }), this.actions),
      this.outcome,
      this.body,
      this.logs.root,
    );
  }

  private args(extra: Json = {}): Json {
    return { app_name: this.appName, ...(this.organization ? { organization_name: this.organization } : {}), ...extra };
  }

  async load(): Promise<void> {
    if (!this.server.tools) {
      this.body.replaceChildren(
        el('p', { class: 'note', text: 'This host does not pass tool calls on to the server: nothing more to show.' }),
      );
      return;
    }
    try {
      const [state, versions, invocations, logsTemplate] = await Promise.all([
        this.server.tool('get_app', this.args()),
        this.server.tool('list_versions', this.args({ limit: 100 })),
        this.invocations(),
        this.server.hasTemplate(APP_LOGS_TEMPLATE),
      ]);
      this.render(state, list(versions.versions).map(obj), invocations, logsTemplate);
    } catch (err) {
      this.body.replaceChildren(el('p', { class: 'note', text: `Could not load the app: ${(err as Error).message}` }));
    }
  }

  private async invocations(): Promise<Json[]> {
    if (!this.server.resources) return [];
    const text = await this.server.read(`ignite://apps/${encodeURIComponent(this.appName)}/invocations`).catch(() => '');
    try {
      return list(obj(JSON.parse(text || '{}')).invocations).map(obj);
    } catch {
      return [];
    }
  }

  private render(state: Json, versions: Json[], invocations: Json[], logsTemplate: string | undefined): void {
    const active = obj(state.active);
    const draft = state.draft ? obj(state.draft) : undefined;
    const readiness = str(state.readiness);
    const lastTest = this.opened.exchange?.kind === 'test_draft' ? this.opened.exchange : invocations.find((i) => i.kind === 'test_draft');
    this.actions.replaceChildren(
      ...present(
        button('Refresh', () => this.load()),
        logsTemplate && button('Open app logs', () => this.openLogs(logsTemplate)),
      ),
    );
    this.body.replaceChildren(
      el('p', {}, el('span', { class: 'status', data: { status: readiness }, text: readiness }), ` ${str(state.readiness_detail)}`),
      el(
        'dl',
        { class: 'facts' },
        el('dt', { text: 'active' }),
        el('dd', { data: { activeVersion: String(num(active.version)) } }, ...(state.active ? versionLine(active) : ['nothing published'])),
        el('dt', { text: 'draft' }),
        el('dd', { class: 'draft' }, ...(draft ? this.draftLine(draft, str(active.image_digest)) : ['no draft'])),
        el('dt', { text: 'last test' }),
        el(
          'dd',
          { class: 'last-test' },
          ...(lastTest ? exchangeLine(lastTest) : [draft?.tested ? 'the draft digest passed test_draft' : 'not tested']),
        ),
      ),
      el('h3', { text: 'Last invocations' }),
      invocationTable(invocations, this.opened.exchange),
      el('h3', { text: 'Versions' }),
      this.versionList(versions),
    );
  }

  private draftLine(draft: Json, activeDigest: string): (Node | string)[] {
    const image = str(draft.image_ref);
    const parts: (Node | string)[] = [
      image ? el('code', { text: image }) : `building (build ${str(draft.build_id)})`,
      ' ',
      digestEl(str(draft.image_digest)),
      el('span', { class: draft.tested ? 'badge ok' : 'badge', text: draft.tested ? 'tested' : 'not tested' }),
    ];
    if (str(draft.error)) parts.push(el('pre', { class: 'first-error', text: str(draft.error) }));
    const digest = str(draft.image_digest);
    if (digest && digest === activeDigest) parts.push(el('span', { class: 'badge', text: 'live' }));
    else if (image && !str(draft.error)) {
      parts.push(confirmButton('Publish draft', 'Confirm publish', () => this.act('publish_draft', {}), { class: 'primary' }));
    }
    return parts;
  }

  private versionList(versions: Json[]): HTMLElement {
    if (versions.length === 0) return el('p', { class: 'muted', text: 'no published versions' });
    const rows = versions
      .slice(-8)
      .reverse()
      .map((version) => {
        const number = num(version.version);
        const isActive = str(version.status) === 'ACTIVE';
        return el(
          'li',
          { data: { version: String(number) } },
          ...versionLine(version),
          isActive
            ? null
            : confirmButton(`Roll back to v${number}`, `Confirm rollback to v${number}`, () =>
                this.act('rollback_app', { version: number }),
              ),
        );
      });
    return el('ul', { class: 'versions' }, ...rows);
  }

  /** A state-changing call, through the host's tool-call path; the result's text says what happened. */
  private async act(tool: string, extra: Json): Promise<void> {
    this.outcome.textContent = `${tool}…`;
    try {
      const result = await this.server.call(tool, this.args(extra));
      this.outcome.textContent = textOf(result).split('\n')[0] ?? '';
      this.outcome.classList.toggle('failed', result.isError === true);
    } catch (err) {
      this.outcome.textContent = `${tool} did not run: ${(err as Error).message}`;
      this.outcome.classList.add('failed');
    }
    await this.load();
  }

  private async openLogs(template: string): Promise<void> {
    const uri = template.replace(/\{[^}]+\}\/logs.*$/, `${encodeURIComponent(this.appName)}/logs`);
    const text = await this.server.read(uri).catch((err: Error) => `could not read ${uri}: ${err.message}`);
    this.logs.root.hidden = false;
    this.logs.replace(text.split('\n').map((line, i) => ({ seq: i + 1, text: line })));
  }
}

function versionLine(version: Json): (Node | string)[] {
  return [
    el('strong', { text: `v${num(version.version)}` }),
    ` ${str(version.status)} `,
    el('code', { text: str(version.image_ref) }),
    ' ',
    digestEl(str(version.image_digest)),
    el('span', { class: version.tested ? 'badge ok' : 'badge', text: version.tested ? 'tested' : 'not tested' }),
  ];
}

function exchangeLine(exchange: Json | Exchange): (Node | string)[] {
  const status = num(exchange.status_code);
  return [
    el('span', { class: status >= 200 && status < 300 ? 'code ok' : 'code bad', text: `HTTP ${status}` }),
    ` execution ${str(exchange.execution_id)}`,
  ];
}

function invocationTable(invocations: Json[], opened: Exchange | undefined): HTMLElement {
  const rows = invocations.slice(0, 10);
  if (rows.length === 0 && opened) rows.push({ ...opened, at: '', version: 0 });
  if (rows.length === 0) return el('p', { class: 'muted', text: 'none through this server yet' });
  return el(
    'table',
    { class: 'invocations' },
    el('thead', {}, el('tr', {}, ...['time', 'call', 'version', 'status', 'execution'].map((name) => el('th', { text: name })))),
    el(
      'tbody',
      {},
      ...rows.map((call) => {
        const status = num(call.status_code);
        return el(
          'tr',
          { data: { status: String(status) } },
          el('td', { text: timeOf(str(call.at)) }),
          el('td', { text: str(call.kind) === 'test_draft' ? 'test' : 'invoke' }),
          el('td', { text: str(call.kind) === 'test_draft' ? 'draft' : `v${num(call.version)}` }),
          el('td', {}, el('span', { class: status >= 200 && status < 300 ? 'code ok' : 'code bad', text: String(status) })),
          el('td', {}, el('code', { text: str(call.execution_id) })),
        );
      }),
    ),
  );
}
