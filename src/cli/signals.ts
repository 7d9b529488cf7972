/** How a command ends on SIGINT/SIGTERM: its own shutdown first, then the conventional exit code. */
export function onShutdownSignal(stop: () => Promise<void>): void {
  const handler = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
