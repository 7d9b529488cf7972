import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { appLogsUri } from '../../resources/app-log-uris.js';

/**
 * The link test_draft and invoke attach so a result leads to its own log lines: the app-logs
 * resource filtered by the execution id (read_app_logs with execution_id reads the same lines).
 */
export function executionLogLinks(appName: string, executionId: string, organization = ''): ResourceLink[] {
  if (!executionId) return [];
  return [
    {
      type: 'resource_link',
      uri: appLogsUri(appName, { organization, executionId }),
      name: `logs of execution ${executionId}`,
      description: `What app ${appName} printed while it handled this call`,
      mimeType: 'text/plain',
    },
  ];
}
