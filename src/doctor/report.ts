/**
 * What `doctor` finds: one line per check (ok, warning, problem, or skipped when it cannot apply),
 * each problem with what to do, and the first thing to fix at the end. The same report is the
 * command's output and the doctor tool's result.
 */
export type CheckStatus = 'ok' | 'warning' | 'problem' | 'skipped';

export interface Check {
  /** Stable name for scripts and tests, e.g. "endpoint.tls". */
  id: string;
  status: CheckStatus;
  /** One line a person reads: what was found. */
  summary: string;
  /** What to do about a warning or a problem. */
  fix?: string;
  /** Machine-readable detail for `--json` (contract differences, certificate dates). */
  detail?: unknown;
}

export interface DoctorReport {
  checks: Check[];
  /** The first problem, else the first warning: what to fix first. */
  firstToFix: Check | null;
  /** 0 when nothing is a problem. */
  exitCode: 0 | 1;
}

export function doctorReport(checks: Check[]): DoctorReport {
  const firstToFix = checks.find((check) => check.status === 'problem') ?? checks.find((check) => check.status === 'warning') ?? null;
  return { checks, firstToFix, exitCode: checks.some((check) => check.status === 'problem') ? 1 : 0 };
}

const MARK: Readonly<Record<CheckStatus, string>> = { ok: 'ok     ', warning: 'warning', problem: 'PROBLEM', skipped: 'skipped' };

/** Short enough to read at a glance; ends with the first thing to fix. */
export function formatReport(report: DoctorReport): string {
  const lines = report.checks.map(
    (check) =>
      `${MARK[check.status]}  ${check.id}: ${check.summary}${check.status === 'problem' || check.status === 'warning' ? (check.fix ? `\n           -> ${check.fix}` : '') : ''}`,
  );
  lines.push(
    report.firstToFix
      ? `First to fix: ${report.firstToFix.id}: ${report.firstToFix.fix ?? report.firstToFix.summary}`
      : 'Nothing stands between this machine and a deploy.',
  );
  return lines.join('\n');
}
