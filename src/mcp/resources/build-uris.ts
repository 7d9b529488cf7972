/** The URIs of build resources, parsed in one place. */
export const BUILD_URI_PREFIX = 'ignite://builds/';

export function buildUri(buildId: string): string {
  return `${BUILD_URI_PREFIX}${encodeURIComponent(buildId)}`;
}

export function buildLogsUri(buildId: string, afterSeq?: number): string {
  return `${buildUri(buildId)}/logs${afterSeq ? `?after=${afterSeq}` : ''}`;
}

export type BuildResourceRef = { kind: 'build'; buildId: string } | { kind: 'logs'; buildId: string; afterSeq: number };

/** Parses `ignite://builds/{id}` and `ignite://builds/{id}/logs[?after=N]`; undefined for anything else. */
export function parseBuildUri(uri: string): BuildResourceRef | undefined {
  if (!uri.startsWith(BUILD_URI_PREFIX)) return undefined;
  const [pathPart = '', query = ''] = uri.slice(BUILD_URI_PREFIX.length).split('?', 2);
  const segments = pathPart.split('/');
  let buildId: string;
  try {
    buildId = decodeURIComponent(segments[0] ?? '');
  } catch {
    return undefined;
  }
  if (!buildId) return undefined;
  if (segments.length === 1 && !query) return { kind: 'build', buildId };
  if (segments.length === 2 && segments[1] === 'logs') {
    const after = new URLSearchParams(query).get('after');
    const afterSeq = after === null ? 0 : Number(after);
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) return undefined;
    return { kind: 'logs', buildId, afterSeq };
  }
  return undefined;
}
