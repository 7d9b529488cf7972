import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';

/**
 * The links test_draft and invoke attach so a result leads to its own log lines, by execution id.
 * The app-logs resource (`ignite://apps/{app}/logs`, filtered by execution) is not served yet;
 * until it is there is no link to give, and the execution_id in the result is the key to use.
 */
export function executionLogLinks(_appName: string, _executionId: string): ResourceLink[] {
  return [];
}
