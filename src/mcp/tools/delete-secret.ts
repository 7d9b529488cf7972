import { z } from 'zod';
import type { IgniteClient } from '../../client/client.js';
import type { SecretMetadata__Output } from '../../contract/generated/dodil/ignite/v1/SecretMetadata.js';
import { UserError } from '../../shared/errors.js';
import { defineTool } from './define-tool.js';
import { askConsent, consentOutput } from './shared/consent.js';
import { secretRefInput } from './shared/schemas.js';

/** Pages read looking for the secret before asking; far more secrets than any organization keeps. */
const MAX_PAGES = 20;

export const deleteSecretTool = defineTool({
  name: 'delete_secret',
  title: 'Delete a secret',
  description: `Deletes an Ignite secret for good, when a credential is retired; drafts and versions naming it can no longer deploy or cold-start.
Asks the user when the client can (consent in the result; declined: do not retry).
Next: list_secrets.`,
  input: { name: secretRefInput.describe('Secret name') },
  output: { name: z.string(), consent: consentOutput, deleted: z.boolean() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  checkAfterUnknownOutcome: ({ name }) => `call list_secrets to see whether "${name}" still exists`,
  async run({ name }, call) {
    const found = await findSecret(call.deps.client, name, call.signal);
    if (!found) {
      throw new UserError(`secret "${name}" not found in the organization; nothing to delete`, 'Check the name with list_secrets.', {
        code: 'NOT_FOUND',
      });
    }
    const type = found.type.replace(/_secret$/, '');
    const { consent, proceed, note } = await askConsent(call, {
      action: 'delete',
      message: `Delete the ${type} secret "${name}" from Ignite? This cannot be undone: drafts and versions that name it can no longer deploy or start from cold.`,
      label: `Delete secret "${name}"`,
    });
    if (!proceed)
      return { structured: { name, consent, deleted: false }, text: `secret "${name}" NOT deleted (consent: ${consent}). ${note}` };
    const { deleted } = await call.deps.client.deleteSecret({ name }, { signal: call.signal });
    return {
      structured: { name, consent, deleted },
      text: deleted ? `deleted secret "${name}" (consent: ${consent})` : `secret "${name}" was already gone`,
    };
  },
});

async function findSecret(client: IgniteClient, name: string, signal: AbortSignal): Promise<SecretMetadata__Output | undefined> {
  let cursor = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await client.listSecrets({ limit: 1000, cursor }, { signal });
    const found = response.secrets.find((secret) => secret.name === name);
    if (found || !response.next_cursor) return found;
    cursor = response.next_cursor;
  }
  return undefined;
}
