/** The URIs of app log resources, parsed in one place. */
export const APP_URI_PREFIX = 'ignite://apps/';

export interface AppLogsRef {
  appName: string;
  /** '' for the server's organization. */
  organization: string;
  /** Only this version's lines (0: any). */
  version: number;
  /** Only the draft's lines. */
  draft: boolean;
  /** Only this execution's lines. */
  executionId: string;
  afterSeq: number;
}

/** `ignite://apps/{app}/logs`, with the filters that are set as query parameters. */
export function appLogsUri(appName: string, filters: Partial<Omit<AppLogsRef, 'appName'>> = {}): string {
  const query = new URLSearchParams();
  if (filters.organization) query.set('organization_name', filters.organization);
  if (filters.version) query.set('version', String(filters.version));
  if (filters.draft) query.set('draft', 'true');
  if (filters.executionId) query.set('execution_id', filters.executionId);
  if (filters.afterSeq) query.set('after', String(filters.afterSeq));
  const text = query.toString();
  return `${APP_URI_PREFIX}${encodeURIComponent(appName)}/logs${text ? `?${text}` : ''}`;
}

const KNOWN = new Set(['organization_name', 'version', 'draft', 'execution_id', 'after']);

/** Parses `ignite://apps/{app}/logs[?version=&draft=&execution_id=&after=&organization_name=]`, in any order; undefined for anything else. */
export function parseAppLogsUri(uri: string): AppLogsRef | undefined {
  if (!uri.startsWith(APP_URI_PREFIX)) return undefined;
  const [pathPart = '', queryText = ''] = uri.slice(APP_URI_PREFIX.length).split('?', 2);
  const segments = pathPart.split('/');
  if (segments.length !== 2 || segments[1] !== 'logs') return undefined;
  let appName: string;
  try {
    appName = decodeURIComponent(segments[0] ?? '');
  } catch {
    return undefined;
  }
  if (!appName) return undefined;
  const query = new URLSearchParams(queryText);
  if ([...query.keys()].some((key) => !KNOWN.has(key))) return undefined;
  const count = (name: string) => {
    const raw = query.get(name);
    const value = raw === null ? 0 : Number(raw);
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  };
  const version = count('version');
  const afterSeq = count('after');
  const draft = query.get('draft');
  if (version === undefined || afterSeq === undefined || (draft !== null && draft !== 'true' && draft !== 'false')) return undefined;
  return {
    appName,
    organization: query.get('organization_name') ?? '',
    version,
    draft: draft === 'true',
    executionId: query.get('execution_id') ?? '',
    afterSeq,
  };
}
