import { z } from 'zod';

// Shared inputs. Their meaning is in the names and the server instructions (ids come from tool
// results; organization_name defaults to the configured one), so they carry no description: each
// would be repeated in every tool that takes them. The patterns imply a length of at least 1.

/** Ids are opaque upstream; this bounds them and keeps control characters and paths out. */
export const buildIdInput = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a build id is letters, digits, ".", "_", ":" or "-" (copy it from create_build or list_builds)');

export const appNameInput = z
  .string()
  .max(63)
  .regex(
    /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/,
    'an app name is lowercase letters, digits, "-" and "." and starts and ends with a letter or digit',
  );

export const organizationInput = z
  .string()
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an organization name is letters, digits, ".", "_" or "-"')
  .optional();

export const secretRefInput = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a secret name is 1-64 letters, digits, "-" or "_"');

export const pathInput = z.string().min(1).max(4096);

/** A map of names to values, e.g. build_args. */
export const stringMapInput = z.record(z.string().min(1).max(256), z.string().max(32_768));

export const headersInput = z
  .record(
    z
      .string()
      .max(256)
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name'),
    z.string().max(8192),
  )
  .optional();
