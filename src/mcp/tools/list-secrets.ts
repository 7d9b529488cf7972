import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { secretShape, summarizeSecret } from './shared/secret-summary.js';
import { pageInput } from './shared/version-summary.js';

export const listSecretsTool = defineTool({
  name: 'list_secrets',
  title: 'List secrets',
  description: `The organization's Ignite secrets: name, type (registry or git), times; never values.
Use it to find a name for registry_secret_ref or secret_ref.
Next: save_image_draft, or create_secret.`,
  input: pageInput,
  output: { secrets: z.array(z.object(secretShape)), next_cursor: z.string().nullable() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ limit, cursor }, call) {
    const response = await call.deps.client.listSecrets({ limit, cursor: cursor ?? '' }, { signal: call.signal });
    const secrets = response.secrets.map(summarizeSecret);
    const next_cursor = response.next_cursor || null;
    const lines = secrets.length > 0 ? secrets.map((s) => `${s.name} (${s.type}, updated ${s.updated_at ?? '?'})`) : ['no secrets'];
    if (next_cursor) lines.push(`more: call list_secrets with cursor "${next_cursor}"`);
    return { structured: { secrets, next_cursor }, text: lines.join('\n') };
  },
});
