/** What the compute side needs of a started app, whichever engine runs it. */
export interface RunningApp {
  /** Container port -> loopback port on this host. */
  readonly hostPorts: ReadonlyMap<number, number>;
  readonly alive: boolean;
  /** The host process (process engine); undefined for a container. */
  readonly pid?: number;
  /** The container's id (container engines); undefined for a host process. */
  readonly containerId?: string;
  /** Marks an exchange in flight; call the returned function when it is over. */
  begin(): () => void;
  /** Lets exchanges in flight finish (up to the grace period), then stops the app; nothing is left running. */
  stop(graceMs: number): Promise<void>;
  /** Why it ended (when it has) and its last output lines, for an error message. */
  stderrQuote(): string;
}
