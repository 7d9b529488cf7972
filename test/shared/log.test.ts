import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';

describe('log lines', () => {
  it('start with an ISO timestamp, then scope, level, message and fields, redacted', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      write: (line) => void lines.push(line),
      secrets: () => ['s3cr3t-value'],
      now: () => new Date('2026-03-04T05:06:07.089Z'),
    });
    logger.child('local-ignite').info('build started', { token: 's3cr3t-value' });
    logger.debug('not shown at info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^2026-03-04T05:06:07\.089Z \[ignite-mcp:local-ignite\] info: build started \{"token":"\[REDACTED:[\w-]+\]"\}\n$/,
    );
  });
});
