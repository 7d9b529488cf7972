import { z } from 'zod';
import type { SecretMetadata__Output } from '../../../contract/generated/dodil/ignite/v1/SecretMetadata.js';
import { isoOrNull } from './version-summary.js';

/** A secret's metadata; values are never shown (Ignite returns them only from GetSecret, which no tool calls). */
export const secretShape = {
  name: z.string(),
  type: z.string(),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
};
export type SecretSummary = z.output<z.ZodObject<typeof secretShape>>;

export function summarizeSecret(metadata: SecretMetadata__Output): SecretSummary {
  return {
    name: metadata.name,
    type: metadata.type.replace(/_secret$/, ''),
    created_at: isoOrNull(metadata.created_at_ms),
    updated_at: isoOrNull(metadata.updated_at_ms),
  };
}
