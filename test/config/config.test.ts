import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig, type LoadConfigOptions } from '../../src/config/config.js';
import { describeConfig } from '../../src/config/describe.js';
import { decodeTokenClaims } from '../../src/config/token-claims.js';

const HOME = '/home/ada';
const CWD = '/work/project';
const NOW = Date.parse('2026-06-01T00:00:00Z');
const UNIFIED = `${HOME}/.config/unified-cli/config.yaml`;

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(payload)}.c2lnbmF0dXJl`;
}

const TOKEN = jwt({ organization: { acme: { id: 'org-acme' }, beta: { id: 'org-beta' } }, exp: NOW / 1000 + 3600 });

function load(opts: { env?: Record<string, string>; argv?: string[]; files?: Record<string, string> } & Partial<LoadConfigOptions> = {}) {
  const files = opts.files ?? {};
  return loadConfig({
    env: opts.env ?? {},
    argv: opts.argv ?? [],
    homeDir: HOME,
    cwd: CWD,
    now: () => NOW,
    readFile: (file) => files[file],
    pathKind: opts.pathKind ?? (() => 'folder'),
    ...(opts.ignoreFlags ? { ignoreFlags: opts.ignoreFlags } : {}),
  });
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('uses the local Ignite when no endpoint is configured', () => {
    const config = load();
    expect(config).toMatchObject({
      mode: 'local',
      insecure: false,
      deadlineMs: 30_000,
      logLevel: 'info',
      readOnly: false,
      confirm: 'elicit',
      allowedRoots: [],
      dataDir: `${HOME}/.local/share/ignite-mcp`,
      warnings: [],
    });
    expect(config.endpoint).toBeUndefined();
    expect(config.token).toBeUndefined();
    expect(config.configFile).toBeUndefined();
  });

  it('returns a deeply frozen object', () => {
    const config = load({ env: { IGNITE_MCP_ALLOWED_ROOTS: '/a' } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.allowedRoots)).toBe(true);
    expect(Object.isFrozen(config.warnings)).toBe(true);
    expect(() => {
      (config as { deadlineMs: number }).deadlineMs = 1;
    }).toThrow(TypeError);
  });

  it('searches the four config directories in order', () => {
    const config = load({ env: { DODIL_CONFIG_DIR: '/d', IGNITE_CONFIG_DIR: '/i' } });
    expect(config.configFilesSearched).toEqual([
      '/d/config.yaml',
      '/d/config.yml',
      '/d/config.json',
      '/i/config.yaml',
      '/i/config.yml',
      '/i/config.json',
      UNIFIED,
      `${HOME}/.ignite/config.yaml`,
      `${HOME}/.ignite/config.yml`,
      `${HOME}/.ignite/config.json`,
    ]);
  });
});

describe('endpoint and token precedence', () => {
  const file = { [UNIFIED]: `ignite:\n  api_endpoint: file.example:443\n  token: ${TOKEN}-file\n` };

  it('takes the endpoint from --endpoint, then IGNITE_API_ENDPOINT, then the file', () => {
    const env = { IGNITE_API_ENDPOINT: 'env.example:443', DODIL_TOKEN: TOKEN };
    expect(load({ env, files: file, argv: ['--endpoint', 'flag.example:443'] })).toMatchObject({
      endpoint: 'flag.example:443',
      endpointSource: '--endpoint',
      mode: 'remote',
    });
    expect(load({ env, files: file, argv: ['--endpoint=flag2.example:443'] }).endpoint).toBe('flag2.example:443');
    expect(load({ env, files: file })).toMatchObject({ endpoint: 'env.example:443', endpointSource: 'IGNITE_API_ENDPOINT' });
    expect(load({ env: { DODIL_TOKEN: TOKEN }, files: file })).toMatchObject({
      endpoint: 'file.example:443',
      endpointSource: `${UNIFIED} (ignite.api_endpoint)`,
    });
  });

  it('lets "local" override a configured endpoint, and strips an https:// scheme', () => {
    expect(load({ env: { IGNITE_API_ENDPOINT: 'local' }, files: file }).mode).toBe('local');
    expect(load({ env: { IGNITE_API_ENDPOINT: 'https://rpc.dodil.io:443/', DODIL_TOKEN: TOKEN } }).endpoint).toBe('rpc.dodil.io:443');
  });

  it('takes the token from DODIL_TOKEN, then IGNITE_TOKEN, then the file, ignoring blank values', () => {
    const remote = { IGNITE_API_ENDPOINT: 'rpc.dodil.io:443' };
    expect(load({ env: { ...remote, DODIL_TOKEN: 'dodil-tok', IGNITE_TOKEN: 'ignite-tok' }, files: file })).toMatchObject({
      token: 'dodil-tok',
      tokenSource: 'DODIL_TOKEN',
    });
    expect(load({ env: { ...remote, DODIL_TOKEN: '  ', IGNITE_TOKEN: 'ignite-tok' }, files: file })).toMatchObject({
      token: 'ignite-tok',
      tokenSource: 'IGNITE_TOKEN',
    });
    expect(load({ env: remote, files: file })).toMatchObject({ token: `${TOKEN}-file`, tokenSource: `${UNIFIED} (ignite.token)` });
    expect(load({ env: { ...remote, DODIL_TOKEN: 'Bearer abc.def' } }).token).toBe('abc.def');
  });

  it('prefers ignite.* over global.* and accepts snake, kebab and camel spellings', () => {
    const both = { [UNIFIED]: 'global:\n  token: global-tok\n  api-endpoint: g.example:1\nignite:\n  token: ignite-tok\n' };
    expect(load({ files: both })).toMatchObject({
      token: 'ignite-tok',
      endpoint: 'g.example:1',
      endpointSource: `${UNIFIED} (global.api-endpoint)`,
    });
    const camel = { [UNIFIED]: 'global:\n  Token: g\n  apiEndpoint: camel.example:2\n  orgName: acme\n  ORG_ID: "42"\n' };
    expect(load({ files: camel })).toMatchObject({ token: 'g', endpoint: 'camel.example:2', orgName: 'acme', orgId: '42' });
    const flat = { [`${HOME}/.ignite/config.json`]: '{"endpoint": "flat.example:3", "token": "flat-tok", "organization": "o"}' };
    expect(load({ files: flat })).toMatchObject({ endpoint: 'flat.example:3', token: 'flat-tok', orgName: 'o' });
  });

  it('uses the first config file found, in directory order', () => {
    const candidates = {
      '/d/config.yml': 'ignite: { token: from-dodil-dir }',
      '/i/config.yaml': 'ignite: { token: from-ignite-dir }',
      [UNIFIED]: 'ignite: { token: from-unified }',
      [`${HOME}/.ignite/config.json`]: '{"ignite": {"token": "from-dot-ignite"}}',
    };
    const env = { DODIL_CONFIG_DIR: '/d', IGNITE_CONFIG_DIR: '/i' };
    expect(load({ env, files: candidates }).token).toBe('from-dodil-dir');
    const without = (...keys: string[]) => Object.fromEntries(Object.entries(candidates).filter(([k]) => !keys.includes(k)));
    expect(load({ env, files: without('/d/config.yml') }).token).toBe('from-ignite-dir');
    expect(load({ env, files: without('/d/config.yml', '/i/config.yaml') }).token).toBe('from-unified');
    expect(load({ env, files: without('/d/config.yml', '/i/config.yaml', UNIFIED) })).toMatchObject({
      token: 'from-dot-ignite',
      configFile: `${HOME}/.ignite/config.json`,
    });
  });
});

describe('organization', () => {
  it('comes from IGNITE_ORG_NAME/IGNITE_ORG_ID, then the file, then the token claims', () => {
    const files = { [UNIFIED]: 'ignite:\n  org_name: file-org\n  org_id: file-id\n' };
    expect(load({ env: { IGNITE_ORG_NAME: 'env-org', IGNITE_ORG_ID: 'env-id', DODIL_TOKEN: TOKEN }, files })).toMatchObject({
      orgName: 'env-org',
      orgNameSource: 'IGNITE_ORG_NAME',
      orgId: 'env-id',
      orgIdSource: 'IGNITE_ORG_ID',
    });
    expect(load({ env: { DODIL_TOKEN: TOKEN }, files })).toMatchObject({ orgName: 'file-org', orgId: 'file-id' });
    expect(load({ env: { DODIL_TOKEN: TOKEN } })).toMatchObject({
      orgName: 'acme',
      orgNameSource: 'token claim',
      orgId: 'org-acme',
      orgIdSource: 'token claim',
    });
  });

  it('only takes an org id from the token for the org it belongs to', () => {
    expect(load({ env: { DODIL_TOKEN: TOKEN, IGNITE_ORG_NAME: 'beta' } })).toMatchObject({ orgName: 'beta', orgId: 'org-beta' });
    expect(load({ env: { DODIL_TOKEN: TOKEN, IGNITE_ORG_NAME: 'other' } }).orgId).toBeUndefined();
  });

  it('falls back to the org_name/org_id claims and reads exp', () => {
    const token = jwt({ org_name: 'solo', org_id: 'id-1', exp: 1700000000 });
    expect(decodeTokenClaims(token)).toEqual({ orgName: 'solo', orgId: 'id-1', organizations: [], expiresAtMs: 1700000000000 });
    expect(decodeTokenClaims('opaque-token')).toBeUndefined();
    expect(decodeTokenClaims('a.!!!.c')).toBeUndefined();
  });

  it('warns about an expired token without showing it', () => {
    const expired = jwt({ organization: { acme: { id: 'x' } }, exp: NOW / 1000 - 60 });
    const config = load({ env: { DODIL_TOKEN: expired } });
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toMatch(/DODIL_TOKEN expired at 2026-05-31T23:59:00.000Z.*dodil login/);
    expect(config.warnings[0]).not.toContain(expired);
  });
});

describe('problems', () => {
  it('requires a token for a remote endpoint and says where it looked', () => {
    const err = configError(() => load({ env: { IGNITE_API_ENDPOINT: 'rpc.dodil.io:443' } }));
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain(
      'no token for the remote endpoint rpc.dodil.io:443: set DODIL_TOKEN or IGNITE_TOKEN, or run `dodil login`',
    );
    expect(err.message).toContain(UNIFIED);
    expect(load({ env: { IGNITE_API_ENDPOINT: '127.0.0.1:50051' } }).mode).toBe('remote');
  });

  it('reports a malformed config file with its path and line, without echoing its values', () => {
    const secret = 'super-secret-token-value';
    const yamlErr = configError(() => load({ files: { [UNIFIED]: `ignite:\n  token: ${secret}: oops\n` } }));
    expect(yamlErr.message).toMatch(new RegExp(`${UNIFIED} is malformed: line 2, column \\d+`));
    expect(yamlErr.message).not.toContain(secret);
    const jsonFile = `${HOME}/.ignite/config.json`;
    const jsonErr = configError(() => load({ files: { [jsonFile]: `{"ignite": {"token": "${secret}",, }}` } }));
    expect(jsonErr.message).toContain(`${jsonFile} is malformed: line 1`);
    expect(jsonErr.message).not.toContain(secret);
    expect(configError(() => load({ files: { [UNIFIED]: '- a\n- b\n' } })).message).toContain('top level must be a mapping');
    expect(configError(() => load({ files: { [UNIFIED]: 'ignite:\n  token: [a, b]\n' } })).message).toContain(
      'ignite.token must be a string',
    );
  });

  it('reports an unreadable config file', () => {
    const err = configError(() =>
      loadConfig({
        env: {},
        argv: [],
        homeDir: HOME,
        readFile: () => {
          throw Object.assign(new Error('denied'), { code: 'EACCES' });
        },
      }),
    );
    expect(err.message).toContain('cannot be read (EACCES)');
  });

  it('lists every problem at once, naming what to set', () => {
    const err = configError(() =>
      load({
        env: {
          IGNITE_API_ENDPOINT: 'rpc.dodil.io:443',
          IGNITE_MCP_DEADLINE_MS: 'soon',
          IGNITE_MCP_LOG_LEVEL: 'loud',
          IGNITE_DEBUG: 'maybe',
        },
        argv: ['--bogus'],
      }),
    );
    expect(err.problems).toHaveLength(5);
    expect(err.message).toContain('IGNITE_MCP_DEADLINE_MS: must be a whole number of milliseconds (got "soon")');
    expect(err.message).toContain('IGNITE_MCP_LOG_LEVEL: must be one of debug, info, warn, error (got "loud")');
    expect(err.message).toContain('IGNITE_DEBUG: must be true or false');
    expect(err.message).toContain('unknown option --bogus');
    expect(err.message).toContain('no token');
    expect(err.hint).toMatch(/restart ignite-mcp/);
  });

  it('refuses a --token flag and bad endpoints, never quoting a token', () => {
    const err = configError(() => load({ argv: ['--token', 'flag-secret-123'] }));
    expect(err.message).toContain('--token is not accepted');
    expect(err.message).not.toContain('flag-secret-123');
    const bad = configError(() => load({ env: { DODIL_TOKEN: 'has space-secret', IGNITE_API_ENDPOINT: 'not a host' } }));
    expect(bad.message).toContain('DODIL_TOKEN: contains spaces');
    expect(bad.message).not.toContain('space-secret');
    expect(bad.message).toContain('IGNITE_API_ENDPOINT: must be host:port');
    expect(configError(() => load({ env: { IGNITE_API_ENDPOINT: 'http://rpc.dodil.io:80', DODIL_TOKEN: 't' } })).message).toContain(
      'http:// asks for plaintext',
    );
    expect(load({ env: { IGNITE_API_ENDPOINT: 'http://rpc.dodil.io:80', DODIL_TOKEN: 't', IGNITE_DEBUG: '1' } }).endpoint).toBe(
      'rpc.dodil.io:80',
    );
  });

  it('skips flags that belong to a subcommand, and positionals', () => {
    expect(load({ argv: ['local', '--port', '5000', '--memory'], ignoreFlags: ['port', 'memory'] }).mode).toBe('local');
    expect(configError(() => load({ argv: ['--endpoint'] })).message).toContain('--endpoint needs a value');
    // A flag is never swallowed as the previous flag's value.
    const swallowed = configError(() => load({ argv: ['--endpoint', '--insecure'] }));
    expect(swallowed.problems).toEqual(['--endpoint needs a value']);
  });
});

describe('other settings', () => {
  it('switches to plaintext with --insecure or IGNITE_DEBUG', () => {
    expect(load({ argv: ['--insecure'] }).insecure).toBe(true);
    expect(load({ env: { IGNITE_DEBUG: 'true' } }).insecure).toBe(true);
    expect(load({ env: { IGNITE_DEBUG: '0' } }).insecure).toBe(false);
    expect(load({ env: { IGNITE_DEBUG: '1' }, argv: ['--insecure=false'] }).insecure).toBe(false);
  });

  it('resolves allowed roots from flags, else the environment', () => {
    const env = { IGNITE_MCP_ALLOWED_ROOTS: ['~/src', 'rel', '/abs', ''].join(path.delimiter) };
    expect(load({ env }).allowedRoots).toEqual([`${HOME}/src`, `${CWD}/rel`, '/abs']);
    expect(load({ env, argv: ['--allowed-root', '/x', '--allowed-root=/y', '--allowed-root', '/x'] }).allowedRoots).toEqual(['/x', '/y']);
  });

  it('picks the data dir from --data-dir, IGNITE_MCP_DATA_DIR, XDG_DATA_HOME, then ~/.local/share', () => {
    const env = { IGNITE_MCP_DATA_DIR: '/env/data', XDG_DATA_HOME: '/xdg' };
    expect(load({ env, argv: ['--data-dir', '~/flag'] }).dataDir).toBe(`${HOME}/flag`);
    expect(load({ env }).dataDir).toBe('/env/data');
    expect(load({ env: { XDG_DATA_HOME: '/xdg' } }).dataDir).toBe('/xdg/ignite-mcp');
    expect(load({ env: { XDG_DATA_HOME: 'relative' } }).dataDir).toBe(`${HOME}/.local/share/ignite-mcp`);
  });

  it('reads deadline, log level and read-only, flags first', () => {
    const env = { IGNITE_MCP_DEADLINE_MS: '120000', IGNITE_MCP_LOG_LEVEL: 'WARN', IGNITE_MCP_READ_ONLY: 'yes' };
    expect(load({ env })).toMatchObject({ deadlineMs: 120_000, logLevel: 'warn', readOnly: true });
    expect(load({ env, argv: ['--log-level', 'debug', '--read-only=false'] })).toMatchObject({ logLevel: 'debug', readOnly: false });
    expect(configError(() => load({ env: { IGNITE_MCP_DEADLINE_MS: '5' } })).message).toContain('at least 100 ms');
  });

  it('reads the consent mode from --confirm, then IGNITE_MCP_CONFIRM, and names the setting when it is wrong', () => {
    expect(load({ env: { IGNITE_MCP_CONFIRM: 'Always-Proceed' } }).confirm).toBe('always-proceed');
    expect(load({ env: { IGNITE_MCP_CONFIRM: 'always-proceed' }, argv: ['--confirm', 'refuse'] }).confirm).toBe('refuse');
    expect(configError(() => load({ env: { IGNITE_MCP_CONFIRM: 'yes' } })).message).toMatch(
      /IGNITE_MCP_CONFIRM: must be one of elicit, always-proceed, refuse \(got "yes"\)/,
    );
  });

  it('reads how long a local Ignite started in the background stays unused (IGNITE_MCP_LOCAL_IDLE_SECS)', () => {
    expect(load().localIdleSecs).toBe(600);
    expect(load({ env: { IGNITE_MCP_LOCAL_IDLE_SECS: '0' } }).localIdleSecs).toBe(0);
    expect(load({ env: { IGNITE_MCP_LOCAL_IDLE_SECS: '30' } }).localIdleSecs).toBe(30);
    expect(configError(() => load({ env: { IGNITE_MCP_LOCAL_IDLE_SECS: '10m' } })).message).toContain(
      'IGNITE_MCP_LOCAL_IDLE_SECS: must be a whole number of seconds (got "10m")',
    );
  });

  it('refuses allowed roots that do not exist or are not folders, naming the setting', () => {
    const kinds: Record<string, 'folder' | 'file' | 'missing'> = { '/ok': 'folder', '/file': 'file', '/gone': 'missing' };
    const pathKind = (file: string) => kinds[file] ?? 'missing';
    expect(load({ argv: ['--allowed-root', '/ok'], pathKind }).allowedRoots).toEqual(['/ok']);
    const flagged = configError(() => load({ argv: ['--allowed-root', '/file', '--allowed-root', '/gone'], pathKind }));
    expect(flagged.problems).toEqual(['--allowed-root: /file is a file, not a folder', '--allowed-root: /gone does not exist']);
    expect(configError(() => load({ env: { IGNITE_MCP_ALLOWED_ROOTS: '/gone' }, pathKind })).problems).toEqual([
      'IGNITE_MCP_ALLOWED_ROOTS: /gone does not exist',
    ]);
  });
});

describe('describeConfig', () => {
  it('shows where the token came from, never the token', () => {
    const config = load({ env: { IGNITE_API_ENDPOINT: 'rpc.dodil.io:443', DODIL_TOKEN: TOKEN } });
    const text = describeConfig(config);
    expect(text).toContain('token: set (from DODIL_TOKEN)');
    expect(text).toContain('backend: Ignite at rpc.dodil.io:443 (from IGNITE_API_ENDPOINT), TLS');
    expect(text).toContain('organization: acme (from token claim), id org-acme (from token claim)');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.split('.')[1]);
    expect(describeConfig(load())).toMatch(/backend: the local Ignite of the data directory[\s\S]*token: not set/);
  });
});

describe('a start-up error never quotes a value that holds the token (issue 10)', () => {
  const SECRET = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

  it('when a config-file endpoint has the token pasted into it', () => {
    const err = configError(() =>
      load({ files: { [UNIFIED]: `ignite:\n  api_endpoint: "u:${SECRET}@host:99999"\n  token: ${SECRET}\n` } }),
    );
    expect(err.message).toContain('(the value is not shown: it contains the token)');
    expect(err.message).not.toContain(SECRET);
  });

  it('when an env setting holds the env token, even base64-encoded', () => {
    const encoded = Buffer.from(SECRET).toString('base64');
    const err = configError(() => load({ env: { DODIL_TOKEN: SECRET, IGNITE_MCP_DEADLINE_MS: encoded, IGNITE_API_ENDPOINT: SECRET } }));
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain(encoded);
  });

  it('and still quotes ordinary wrong values', () => {
    expect(configError(() => load({ env: { IGNITE_MCP_DEADLINE_MS: 'soon' } })).message).toContain('(got "soon")');
  });
});
