import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import { defineTool } from './define-tool.js';
import { secretShape, summarizeSecret } from './shared/secret-summary.js';
import { secretValueFor, secretValueInput, VALUE_SOURCES } from './shared/secret-value.js';
import { secretRefInput } from './shared/schemas.js';

export const createSecretTool = defineTool({
  name: 'create_secret',
  title: 'Create or replace a secret',
  description: `Creates or replaces (rotates) a secret: registry (pull credentials, for save_image_draft registry_secret_ref) or git (HTTPS token, for secret_ref).
The value never passes through you: name a server environment variable (value_env) or a file in the allowed folders (value_file); with neither, the user types it on a local page (clients with URL elicitation). Never put a value in an argument.
Next: save_image_draft.`,
  input: {
    name: secretRefInput.describe('Secret name'),
    type: z.enum(['registry', 'git']),
    username: z.string().min(1).max(256).describe('e.g. x-access-token for git'),
    server_address: z.string().max(256).optional().describe('Registry host (ghcr.io); none: Docker Hub'),
    ...secretValueInput,
  },
  output: { secret: z.object(secretShape), replaced: z.boolean(), value_source: z.enum(VALUE_SOURCES) },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  checkAfterUnknownOutcome: ({ name }) => `call list_secrets to see whether "${name}" exists and when it was updated`,
  async run(args, call) {
    if (args.type === 'git' && args.server_address) {
      throw new UserError('server_address applies to registry secrets only', 'Leave it out for a git secret.', { code: 'INVALID_INPUT' });
    }
    const label = args.type === 'registry' ? 'registry password or access token' : 'git access token';
    const { value, source } = await secretValueFor(call, args, { name: args.name, label });
    const secretValue =
      args.type === 'registry'
        ? { registry_secret: { username: args.username, password: value, server_address: args.server_address ?? '' } }
        : { git_secret: { username: args.username, token: value } };
    const { metadata } = await call.deps.client.createSecret({ name: args.name, value: secretValue }, { signal: call.signal });
    if (!metadata) throw new Error('CreateSecret returned no metadata');
    const secret = summarizeSecret(metadata);
    const replaced = metadata.created_at_ms !== metadata.updated_at_ms;
    const use = args.type === 'registry' ? 'registry_secret_ref' : 'secret_ref';
    return {
      structured: { secret, replaced, value_source: source },
      text: `${replaced ? 'replaced' : 'created'} ${secret.type} secret "${secret.name}" (value from ${source === 'user' ? 'the user' : source}; not shown)\nnext: save_image_draft with ${use} "${secret.name}"`,
    };
  },
});
