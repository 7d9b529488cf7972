import { z } from 'zod';

/** Ids are opaque upstream; this bounds them and keeps control characters and paths out. */
export const buildIdInput = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a build id is letters, digits, ".", "_", ":" or "-" (copy it from create_build or list_builds)')
  .describe('The build id from create_build or list_builds');

export const appNameInput = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/,
    'an app name is lowercase letters, digits, "-" and "." and starts and ends with a letter or digit',
  )
  .describe('The Ignite app name, e.g. "my-app"');

export const organizationInput = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an organization name is letters, digits, ".", "_" or "-"')
  .optional()
  .describe('Organization name; defaults to the configured organization (IGNITE_ORG_NAME, the dodil config or the token)');

export const secretRefInput = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a secret name is 1-64 letters, digits, "-" or "_"');

export const pathInput = z.string().min(1).max(4096);

export const headersInput = z
  .record(
    z
      .string()
      .min(1)
      .max(256)
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name'),
    z.string().max(8192),
  )
  .optional()
  .describe('HTTP request headers');
