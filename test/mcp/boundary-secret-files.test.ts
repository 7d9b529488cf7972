/**
 * Issue 10: the secret-shaped files a security test found in the uploaded archive by default, a
 * Dockerfile that forced a secret file in, and a manifest that only counted what it left out. All
 * through a real MCP client: the dry run's manifest, and the files of an image built from the folder.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImageRecord } from '../../src/local/images.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw',
  '-----END RSA PRIVATE KEY-----',
  '',
].join('\n');
const NPM_TOKEN = 'npm_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8';

/** Every file name of the issue, each with content that would do harm in an image layer. */
const SECRET_FILES: Record<string, string> = {
  '.envrc': 'export DB_PASSWORD=hunter2\n',
  _netrc: 'machine example.com login me password hunter2\n',
  '.pgpass': 'db:5432:app:me:hunter2\n',
  '.my.cnf': '[client]\npassword=hunter2\n',
  '.s3cfg': '[default]\nsecret_key = hunter2\n',
  '.boto': '[Credentials]\naws_secret_access_key = hunter2\n',
  '.vault-token': 's.hunter2hunter2\n',
  '.dockercfg': '{"auths":{}}\n',
  credentials: '[default]\naws_secret_access_key=hunter2\n',
  'aws/credentials': '[default]\naws_secret_access_key=hunter2\n',
  'service-account.json': '{"type":"service_account"}\n',
  'gcloud/application_default_credentials.json': '{"refresh_token":"hunter2"}\n',
  deploy_key: PEM,
  'keys/github-deploy': PEM,
  'certs/client.p12': 'binary',
  'certs/release.jks': 'binary',
  'certs/site.pfx': 'binary',
  'gnupg/secring.gpg': 'binary',
  'infra/terraform.tfvars': 'db_password = "hunter2"\n',
  'infra/prod.tfstate': '{"secrets":"hunter2"}\n',
  '.yarnrc.yml': 'npmAuthToken: hunter2hunter2hunter2\n',
  '.ENV': 'DB_PASSWORD=hunter2\n',
  ID_RSA: PEM,
  'Server.KEY': PEM,
  '.npmrc': `${'# padding\n'.repeat(26_215)}//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n`,
  'notes/stripe.txt': 'live key: sk_live_4eC39HqLyjWDarjtT1zdp7dc\n',
};

/** Files that look a little like secrets and must still be sent. */
const ORDINARY_FILES: Record<string, string> = {
  Dockerfile: 'FROM scratch\nCOPY . /ctx/\n',
  'src/secrets.ts': 'export const secretName = (s: string) => s;\n',
  'src/pem.py': 'def is_key(text):\n    return text.startswith("-----BEGIN PRIVATE KEY-----")\n',
  'web/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
  'tokenizer.json': '{"model":"bpe"}\n',
  'docs/aws.md': 'Use AKIAIOSFODNN7EXAMPLE as in the AWS docs.\n',
};

let harness: Harness;
let dir: string;
beforeAll(async () => {
  harness = await startHarness();
  dir = path.join(harness.workDir, 'project');
  for (const [rel, content] of Object.entries({ ...SECRET_FILES, ...ORDINARY_FILES })) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  symlinkSync('/etc', path.join(dir, 'link-out'));
});
afterAll(() => harness.close());

type Plan = {
  secret_files_left_out: string[];
  manifest: { left_out: Array<{ path: string; reason: string }>; secret_files_sent: string[]; dockerfile: { found: boolean } };
};

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('secret-shaped files are left out by default', () => {
  it('every file of the issue, by name (any case) or by content, and nothing ordinary', async () => {
    const dry = await harness.call('upload_context', { path: dir, dry_run: true });
    const plan = structured<Plan>(dry);
    expect([...plan.secret_files_left_out].sort()).toEqual(
      ['.envrc', '_netrc', '.pgpass', '.my.cnf', '.s3cfg', '.boto', '.vault-token', '.dockercfg', 'credentials']
        .concat(['aws/credentials', 'service-account.json', 'gcloud/application_default_credentials.json', 'deploy_key'])
        .concat(['keys/github-deploy', 'certs/client.p12', 'certs/release.jks', 'certs/site.pfx', 'gnupg/secring.gpg'])
        .concat(['infra/terraform.tfvars', 'infra/prod.tfstate', '.yarnrc.yml', '.ENV', 'ID_RSA', 'Server.KEY', '.npmrc'])
        .concat(['notes/stripe.txt'])
        .sort(),
    );
    expect(JSON.stringify(dry)).not.toContain('hunter2');
  });

  it('the manifest names every file left out and why, the outside symlink included', async () => {
    const dry = await harness.call('upload_context', { path: dir, dry_run: true });
    const { manifest } = structured<Plan>(dry);
    expect(manifest.left_out).toContainEqual({ path: 'link-out', reason: 'symlink-outside-root: points outside the context folder' });
    expect(manifest.left_out).toContainEqual({ path: 'deploy_key', reason: 'secret-file: contains a private-key' });
    expect(manifest.left_out).toContainEqual({ path: '.npmrc', reason: 'secret-file: registry config with credentials' });
    expect(textOf(dry)).toContain('link-out: symlink-outside-root');
  });

  it('the built image holds the ordinary files and none of the secret ones', async () => {
    const started = structured<{ build_id: string; source: { secret_files_left_out: string[] } }>(
      await harness.call('create_build', { name: 'project', path: dir }),
    );
    expect(started.source.secret_files_left_out).toContain('notes/stripe.txt');
    const done = structured<{ build: { status: string; image_digest: string } }>(
      await harness.call('get_build', { build_id: started.build_id, wait_seconds: 40 }),
    );
    expect(done.build.status).toBe('SUCCEEDED');
    const image = harness.local.store.collection<ImageRecord>('images').get(done.build.image_digest)!;
    const sent = readdirSync(path.join(image.rootfs_dir, 'ctx'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(image.rootfs_dir, 'ctx'), path.join(entry.parentPath, entry.name)))
      .sort();
    expect(sent).toEqual(Object.keys(ORDINARY_FILES).sort());
  });
});

describe('a secret-shaped file named as the Dockerfile', () => {
  it('is not sent for it: the call fails and says how to send it anyway', async () => {
    writeFileSync(path.join(dir, 'id_rsa'), 'FROM scratch\n');
    for (const dockerfile of ['.ENV', 'id_rsa', 'deploy_key']) {
      const result = await harness.call('create_build', { name: 'project', path: dir, dockerfile });
      expect(result.isError, dockerfile).toBe(true);
      expect(textOf(result)).toContain(`the Dockerfile ${dockerfile} looks like a secret`);
      expect(textOf(result)).toContain('include_secret_files');
      expect(textOf(result)).not.toContain('hunter2');
    }
  });

  it('is sent when include_secret_files names it, and the result says so', async () => {
    const result = await harness.call('create_build', {
      name: 'project',
      path: dir,
      dockerfile: 'id_rsa',
      include_secret_files: ['id_rsa'],
    });
    expect(textOf(result)).toContain('secret-shaped files sent because include_secret_files named them: id_rsa');
    const dry = structured<Plan>(
      await harness.call('upload_context', { path: dir, dry_run: true, dockerfile: 'id_rsa', include_secret_files: ['id_rsa'] }),
    );
    expect(dry.manifest.secret_files_sent).toEqual(['id_rsa']);
    expect(dry.manifest.dockerfile.found).toBe(true);
  });
});
