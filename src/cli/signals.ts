/** How a command ends on SIGINT/SIGTERM (and any other signal given): its own shutdown first, then the conventional exit code. */
export function onShutdownSignal(stop: () => Promise<void>, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): void {
  const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  const handler = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(CODES[signal] ?? 1));
  };
  for (const signal of signals) process.once(signal, handler);
}
