import http from 'node:http';

/** One `GET <path>` against a loopback port: the status, or undefined when nothing answered. */
export function probe(port: number, healthPath: string, timeoutMs = 1000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: healthPath, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

export type HealthOutcome = { healthy: true } | { healthy: false; reason: string };

/**
 * Polls the health path until it answers 2xx (ready, as the platform's readiness probe decides),
 * the process ends, or the deadline passes. Backoff starts short so a quick app is ready in tens
 * of milliseconds, and grows so a slow one is not hammered.
 */
export async function waitHealthy(options: {
  port: number;
  /** How messages name the probed port, e.g. "container port 8080 (127.0.0.1:41189)"; default "127.0.0.1:<port>". */
  portLabel?: string;
  healthPath: string;
  timeoutMs: number;
  /** A reason when the process has already ended; polling stops. */
  ended: () => string | undefined;
  /** Resolves when the process ends, to cut a backoff sleep short. */
  endedSignal: Promise<unknown>;
}): Promise<HealthOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const where = options.portLabel ?? `127.0.0.1:${options.port}`;
  let delay = 20;
  let lastStatus: number | undefined;
  for (;;) {
    const ended = options.ended();
    if (ended) return { healthy: false, reason: `${ended} before GET ${options.healthPath} on ${where} answered 2xx` };
    const status = await probe(options.port, options.healthPath, Math.max(50, Math.min(1000, deadline - Date.now())));
    if (status !== undefined && status >= 200 && status < 300) return { healthy: true };
    lastStatus = status ?? lastStatus;
    if (Date.now() >= deadline) {
      const seen = lastStatus === undefined ? 'nothing answered on the port' : `the last answer was HTTP ${lastStatus}`;
      return {
        healthy: false,
        reason: `GET ${options.healthPath} on ${where} did not answer 2xx within ${options.timeoutMs} ms (${seen})`,
      };
    }
    await Promise.race([sleep(Math.min(delay, Math.max(0, deadline - Date.now()))), options.endedSignal]);
    delay = Math.min(250, Math.round(delay * 1.5));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
