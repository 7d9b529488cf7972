/**
 * Start-up and command-line mistakes get a message a person can act on, in bounded time (each
 * run has a time limit; a hang fails the test instead of stalling it), and a broken
 * configuration reaches the agent through the MCP session, not only stderr.
 */
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { textOf } from '../helpers/mcp-harness.js';
import { BIN, cleanUp, requireBuild, runBin, startForegroundLocal, startServer, tempDir } from '../helpers/daemon.js';

let work: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-cli-');
  writeFileSync(path.join(work, 'a-file'), 'x');
  symlinkSync(path.join(work, 'nowhere'), path.join(work, 'dangling'));
});
afterAll(() => cleanUp(work));

/** Runs the binary and returns what a person sees; fails if it had to be killed. */
function run(args: string[], env: Record<string, string> = {}) {
  const result = runBin(args, { env: { IGNITE_MCP_DATA_DIR: path.join(work, 'data'), ...env } });
  expect(result.error, `ignite-mcp ${args.join(' ')} did not end in time`).toBeUndefined();
  expect(result.stderr).not.toMatch(/unexpected error|report it|\n\s+at /);
  return result;
}

describe('the command line', () => {
  it('answers help and a mistyped command with the usage', () => {
    const help = run(['help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('ignite-mcp local status | stop');
    const typo = run(['srve']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^ignite-mcp: unknown command "srve"\nWhat to do: Run `ignite-mcp --help`/);
    expect(typo.stderr).toContain('Usage:\n  ignite-mcp [options]');
  });

  it('shows the local options with their defaults', () => {
    const help = run(['local', '--help']);
    expect(help.status).toBe(0);
    // Wrapped to fit a terminal: read as one line, each option is followed by its own default.
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/--port <n> Listen on TCP .*?\(default: the socket\)/);
    expect(text).toMatch(/--host <addr> .*?\(default: 127\.0\.0\.1\)/);
    expect(text).toMatch(/--data-dir <dir> .*?\(default: \$XDG_DATA_HOME\/ignite-mcp/);
    expect(Math.max(...help.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(120);
    expect(help.stdout).not.toContain('--daemon');
  });

  it.each([
    [
      ['--port'],
      /^ignite-mcp: --port needs a value \(<n>\)\nWhat to do: The local options are: --data-dir <dir>, --memory, --port <n>, --host <addr>/,
    ],
    [['--port', '-1'], /^ignite-mcp: --port must be a port number from 0 to 65535, got "-1"/],
    [['--port', '70000'], /got "70000"/],
    [['--port', '--memory'], /--port needs a value/],
    [['--memory', '--data-dir', '/tmp/x'], /--memory and --data-dir cannot be used together/],
    [
      ['--bogus'],
      /^ignite-mcp: unknown option --bogus for `ignite-mcp local`\nWhat to do: The local options are: .*--no-token.*; subcommands: status, stop/,
    ],
    [['--endpoint', 'x:1'], /unknown option --endpoint/],
    [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 needs --port/],
    [['--host', '0.0.0.0', '--port', '0', '--no-token'], /the token cannot be turned off \(--no-token\) with --host 0\.0\.0\.0/],
    [['--idle-timeout', '5m'], /--idle-timeout applies only to the background local Ignite/],
    [['status', '--port', '1'], /unknown option --port for `ignite-mcp local status`/],
  ])('ignite-mcp local %j is refused with what to do', (args, expected) => {
    const result = run(['local', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(expected);
  });

  it.each([
    ['a file', () => path.join(work, 'a-file'), /the data directory .*a-file is a file, not a folder/],
    [
      'under a dangling symlink',
      () => path.join(work, 'dangling', 'data'),
      /dangling \(in the data directory .*\) is a symbolic link to .*nowhere, which does not exist/,
    ],
    ['under /proc', () => '/proc/ignite-mcp-test/data', /on the kernel's proc filesystem, which cannot hold files/],
  ])('refuses a --data-dir that is %s, in bounded time', (_what, dir, expected) => {
    const result = run(['local', '--data-dir', dir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(expected);
  });

  it('says a port is in use and suggests --port 0', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = run(['local', '--memory', '--port', String(port)]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `ignite-mcp: 127.0.0.1:${port} is already in use by another program\nWhat to do: Pick another port with --port N, or --port 0 for a free one`,
      );
    } finally {
      blocker.close();
    }
  });

  it('reports the address it really bound for --host 0.0.0.0', async () => {
    const local = await startForegroundLocal(['--memory', '--host', '0.0.0.0', '--port', '0']);
    try {
      const match =
        /listening on TCP 0\.0\.0\.0:(\d+) \(every interface: reachable from other machines, plaintext; dial 127\.0\.0\.1:(\d+)/.exec(
          local.stderr(),
        );
      expect(match?.[1]).toBe(match?.[2]);
      expect(Number(match?.[1])).toBeGreaterThan(0);
    } finally {
      local.child.kill('SIGTERM');
      await new Promise((resolve) => local.child.once('exit', resolve));
    }
  });
});

describe('a broken configuration', () => {
  it.each([
    ['--allowed-root that does not exist', ['--allowed-root', '/no/such/folder'], {}, /--allowed-root: \/no\/such\/folder does not exist/],
    ['--allowed-root that is a file', ['--allowed-root', 'a-file'], {}, /--allowed-root: .*a-file is a file, not a folder/],
    [
      'a bad deadline',
      [],
      { IGNITE_MCP_DEADLINE_MS: 'soon' },
      /IGNITE_MCP_DEADLINE_MS: must be a whole number of milliseconds \(got "soon"\)/,
    ],
  ])(
    '(%s) reaches the agent: initialize works, the tools are listed, each call returns the problem',
    async (_what, args, env, expected) => {
      const server = await startServer({ dataDir: path.join(work, 'unused'), cwd: work, args, env });
      try {
        expect(server.client.getInstructions()).toMatch(/configuration is broken/);
        expect(server.client.getInstructions()).toMatch(expected);
        const { tools } = await server.client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
        const result = await server.raw('list_builds', {});
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/^ignite-mcp configuration is invalid \(1 problem\):/);
        expect(textOf(result)).toMatch(expected);
        await expect(server.client.readResource({ uri: 'ignite://builds/x' })).rejects.toThrow(expected);
        expect(server.stderr()).toMatch(expected);
      } finally {
        await server.close();
      }
      expect(existsSync(path.join(work, 'unused'))).toBe(false);
    },
  );

  it('is printed and ends the server with exit code 2 when a person runs it in a terminal', () => {
    // `script` gives the server a terminal as stdin, as a person's shell would.
    const result = spawnSync('script', ['-qec', `${process.execPath} ${BIN} --allowed-root /no/such/folder`, '/dev/null'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(
      /ignite-mcp configuration is invalid \(1 problem\):\r?\n\s+- --allowed-root: \/no\/such\/folder does not exist/,
    );
  });

  it('and a data directory that cannot work reach the agent on every tool call, in bounded time', async () => {
    const server = await startServer({ dataDir: '/proc/ignite-mcp-test/data' });
    try {
      const result = await server.raw('list_builds', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/the data directory \/proc\/ignite-mcp-test\/data is on the kernel's proc filesystem/);
    } finally {
      await server.close();
    }
  });
});
