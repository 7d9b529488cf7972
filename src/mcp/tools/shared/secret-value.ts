import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../../../shared/errors.js';
import { MIN_SECRET_LENGTH } from '../../../shared/redact.js';
import { MAX_SECRET_BYTES, openSecretEntryPage } from '../../secret-entry-page.js';
import type { ToolCall } from '../define-tool.js';
import { packer } from './context-source.js';
import { pathInput } from './schemas.js';

/** Where a secret's value comes from; never from an argument, so it never passes through the model. */
export const secretValueInput = {
  value_env: z
    .string()
    .regex(/^[A-Za-z_]\w{0,127}$/, 'an environment variable name')
    .optional()
    .describe('Server environment variable holding the value'),
  value_file: pathInput.optional().describe('File (allowed folders) holding the value'),
};

export const VALUE_SOURCES = ['env', 'file', 'user'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/** Our own credentials: copying them into an Ignite secret would hand them to whatever registry the secret names. */
const REFUSED_VARIABLES = new Set(['DODIL_TOKEN', 'IGNITE_TOKEN', 'IGNITE_LOCAL_REQUIRED_TOKEN']);
const WAIT_FOR_PAGE_MS = 10 * 60_000;
// O_NOFOLLOW: a file swapped for a symlink after the path check is not followed; O_NONBLOCK: a FIFO does not hang the open.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The value of a secret from the server's environment, a file in the allowed folders, or the user
 * on a local page (URL elicitation). Once read it joins the redaction list, so no result, error or
 * log line can show it, whatever echoes it later.
 */
export async function secretValueFor(
  call: ToolCall,
  args: { value_env?: string | undefined; value_file?: string | undefined },
  what: { name: string; label: string },
): Promise<{ value: string; source: ValueSource }> {
  if (args.value_env && args.value_file) {
    throw new UserError('give value_env or value_file, not both', 'Name the one place the value is.', { code: 'INVALID_INPUT' });
  }
  const [value, source] = args.value_env
    ? [fromEnv(call, args.value_env), 'env' as const]
    : args.value_file
      ? [await fromFile(call, args.value_file), 'file' as const]
      : [await fromUser(call, what), 'user' as const];
  call.deps.rememberSecret(value);
  if (value.length < MIN_SECRET_LENGTH) {
    throw new UserError(
      `the value from ${source === 'env' ? args.value_env : source === 'file' ? 'the file' : 'the page'} is shorter than ${MIN_SECRET_LENGTH} characters`,
      'A password or token that short cannot be hidden reliably in output; use the real value.',
      { code: 'SECRET_TOO_SHORT' },
    );
  }
  if (call.deps.config.token !== undefined && value === call.deps.config.token) {
    throw new UserError('the value is the Ignite token of this server', 'Use the registry or git credential, not the Ignite token.', {
      code: 'SECRET_IS_TOKEN',
    });
  }
  return { value, source };
}

function fromEnv(call: ToolCall, name: string): string {
  if (REFUSED_VARIABLES.has(name.toUpperCase())) {
    throw new UserError(
      `${name} holds this server's own Ignite credential`,
      'Name the variable that holds the registry or git credential.',
      {
        code: 'INVALID_INPUT',
      },
    );
  }
  const value = call.deps.envValue(name);
  if (!value) {
    throw new UserError(
      `the environment variable ${name} is not set (or empty) in the MCP server's environment`,
      "Ask the user to add it to the server entry's env (e.g. mcp.json) and restart the server, or use value_file.",
      { code: 'SECRET_NOT_FOUND' },
    );
  }
  return value;
}

async function fromFile(call: ToolCall, requested: string): Promise<string> {
  const { resolveAllowedPath, PathNotAllowedError } = await packer();
  let file: string;
  try {
    file = await resolveAllowedPath(requested, await call.allowedRoots(), { base: call.deps.cwd });
  } catch (err) {
    if (err instanceof PathNotAllowedError) {
      throw new UserError(err.message, 'Use a file inside the allowed folders.', { code: 'PATH_NOT_ALLOWED', cause: err });
    }
    throw new UserError(`not a usable path: ${JSON.stringify(requested.slice(0, 200))}`, 'Pass the path of a file on this machine.', {
      code: 'INVALID_PATH',
      cause: err,
    });
  }
  const unreadable = (why: string) =>
    new UserError(`cannot read the secret from ${file}: ${why}`, `Use a regular file of at most ${MAX_SECRET_BYTES} bytes.`, {
      code: 'PATH_UNREADABLE',
    });
  const handle = await open(file, READ_FLAGS).catch((err: NodeJS.ErrnoException) => {
    throw unreadable(err.code === 'ELOOP' ? 'it is a symbolic link' : (err.code ?? 'it cannot be opened'));
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw unreadable('it is not a regular file');
    if (stats.size > MAX_SECRET_BYTES) throw unreadable(`it is ${stats.size} bytes`);
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > MAX_SECRET_BYTES) throw unreadable('it grew while it was read');
    }
    // Editors end files with a newline; the credential does not include it.
    const value = buffer.toString('utf8', 0, filled).replace(/\r?\n$/, '');
    if (!value) throw unreadable('it is empty');
    return value;
  } finally {
    await handle.close();
  }
}

async function fromUser(call: ToolCall, what: { name: string; label: string }): Promise<string> {
  const modes = call.user.modes();
  if (!modes.url) {
    throw new UserError(
      'no value: give value_env or value_file',
      modes.form
        ? 'This client shows only forms, and a secret must not go through a form (the MCP spec forbids it); ask the user to put the value in an environment variable of the server or a file in the allowed folders.'
        : 'This client cannot ask the user; ask them to put the value in an environment variable of the server or a file in the allowed folders.',
      { code: 'SECRET_VALUE_MISSING' },
    );
  }
  const page = await openSecretEntryPage({ title: `Ignite secret "${what.name}"`, label: what.label, signal: call.signal });
  try {
    const answer = await call.user.openUrl(
      `ignite-mcp needs the ${what.label} for the Ignite secret "${what.name}". Open this page on your machine and type it there; it does not pass through the assistant.`,
      page.url,
      page.elicitationId,
      call.signal,
    );
    if (answer.action !== 'accept') {
      throw new UserError(
        `the user ${answer.action === 'decline' ? 'declined' : 'dismissed the request'} to enter the value; nothing was saved`,
        'Do not retry unless the user asks; they may prefer value_env or value_file.',
        { code: 'USER_DECLINED' },
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UserError('no value was entered on the page in time', 'Ask the user, then try again.')),
        WAIT_FOR_PAGE_MS,
      );
    });
    const value = await Promise.race([page.value, timeout]).finally(() => clearTimeout(timer));
    await call.user.completed(page.elicitationId).catch(() => {});
    return value;
  } finally {
    page.close();
  }
}
