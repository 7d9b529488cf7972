import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/log.js';
import { orgMetadata, startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';

let env: IgniteClients | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const gitValue = { git_secret: { username: 'x-access-token', token: 'ghp_secretTOKEN123' } };
const registryValue = { registry_secret: { username: 'robot', password: 'pa55word-XYZ', server_address: 'ghcr.io' } };

describe('SecretService', () => {
  it('creates, reads, lists and deletes secrets; create returns metadata only', async () => {
    env = await startIgniteWithClients();
    const created = await env.secrets('CreateSecret', { name: 'github-pat', value: gitValue });
    expect(created.metadata).toMatchObject({ name: 'github-pat', type: 'git_secret' });
    expect(created).not.toHaveProperty('value');
    expect(JSON.stringify(created)).not.toContain('ghp_secretTOKEN123');

    await env.secrets('CreateSecret', { name: 'ghcr-creds', value: registryValue });
    const got = await env.secrets('GetSecret', { name: 'ghcr-creds' });
    expect(got.metadata.type).toBe('registry_secret');
    expect(got.value).toMatchObject({ value: 'registry_secret', registry_secret: registryValue.registry_secret });

    const listed = await env.secrets('ListSecrets', {});
    expect(listed.secrets.map((s: { name: string }) => s.name)).toEqual(['ghcr-creds', 'github-pat']);
    expect(JSON.stringify(listed)).not.toContain('pa55word');

    expect(await env.secrets('DeleteSecret', { name: 'ghcr-creds' })).toEqual({ deleted: true });
    expect(await env.secrets('DeleteSecret', { name: 'ghcr-creds' })).toEqual({ deleted: false });
    await expect(env.secrets('GetSecret', { name: 'ghcr-creds' })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('CreateSecret'),
    });
  });

  it('overwrites in place: keeps created_at_ms, moves updated_at_ms, may change type', async () => {
    env = await startIgniteWithClients();
    const first = await env.secrets('CreateSecret', { name: 'rot', value: gitValue });
    await new Promise((r) => setTimeout(r, 5));
    const second = await env.secrets('CreateSecret', { name: 'rot', value: registryValue });
    expect(second.metadata.created_at_ms).toBe(first.metadata.created_at_ms);
    expect(Number(second.metadata.updated_at_ms)).toBeGreaterThan(Number(first.metadata.updated_at_ms));
    expect((await env.secrets('GetSecret', { name: 'rot' })).metadata.type).toBe('registry_secret');
  });

  it.each([
    ['empty name', { name: '', value: gitValue }, 'secret name'],
    ['bad characters', { name: 'my.secret', value: gitValue }, 'secret name'],
    ['name too long', { name: 'a'.repeat(65), value: gitValue }, 'secret name'],
    ['no value', { name: 'ok' }, 'exactly one of'],
    ['git without token', { name: 'ok', value: { git_secret: { username: 'u', token: '' } } }, 'git_secret.token'],
    ['git without username', { name: 'ok', value: { git_secret: { username: ' ', token: 't' } } }, 'git_secret.username'],
    ['registry without password', { name: 'ok', value: { registry_secret: { username: 'u', password: '' } } }, 'registry_secret.password'],
    ['registry without username', { name: 'ok', value: { registry_secret: { username: '', password: 'p' } } }, 'registry_secret.username'],
  ])('CreateSecret rejects %s with INVALID_ARGUMENT', async (_, request, message) => {
    env ??= await startIgniteWithClients();
    await expect(env.secrets('CreateSecret', request)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining(message),
    });
  });

  it('accepts a 64-character name and a registry secret without server_address (Docker Hub)', async () => {
    env = await startIgniteWithClients();
    const name = `${'a'.repeat(32)}_${'B-9'.repeat(10)}z`;
    expect(name).toHaveLength(64);
    await env.secrets('CreateSecret', { name, value: { registry_secret: { username: 'u', password: 'p' } } });
    const got = await env.secrets('GetSecret', { name });
    expect(got.value.registry_secret.server_address).toBe('');
  });

  it('paginates ListSecrets with an opaque cursor and rejects a forged one', async () => {
    env = await startIgniteWithClients();
    for (const name of ['s1', 's2', 's3', 's4', 's5']) await env.secrets('CreateSecret', { name, value: gitValue });
    const first = await env.secrets('ListSecrets', { limit: 2 });
    const second = await env.secrets('ListSecrets', { limit: 2, cursor: first.next_cursor });
    const third = await env.secrets('ListSecrets', { limit: 2, cursor: second.next_cursor });
    expect([...first.secrets, ...second.secrets, ...third.secrets].map((s: { name: string }) => s.name)).toEqual([
      's1',
      's2',
      's3',
      's4',
      's5',
    ]);
    expect(third.next_cursor).toBe('');
    await expect(env.secrets('ListSecrets', { cursor: 'not a cursor!' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('scopes slots per organization', async () => {
    env = await startIgniteWithClients();
    await env.secrets('CreateSecret', { name: 'shared-name', value: gitValue }, orgMetadata('acme'));
    await expect(env.secrets('GetSecret', { name: 'shared-name' }, orgMetadata('other'))).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
    expect((await env.secrets('ListSecrets', {}, orgMetadata('other'))).secrets).toEqual([]);
    expect((await env.secrets('DeleteSecret', { name: 'shared-name' }, orgMetadata('other'))).deleted).toBe(false);
    expect((await env.secrets('GetSecret', { name: 'shared-name' }, orgMetadata('acme'))).metadata.name).toBe('shared-name');
  });

  it('never writes secret values to the log', async () => {
    const lines: string[] = [];
    env = await startIgniteWithClients({ logger: createLogger({ level: 'debug', write: (line) => void lines.push(line) }) });
    await env.secrets('CreateSecret', { name: 'github-pat', value: gitValue });
    await env.secrets('CreateSecret', { name: 'ghcr-creds', value: registryValue });
    await env.secrets('GetSecret', { name: 'ghcr-creds' });
    await env.secrets('DeleteSecret', { name: 'github-pat' });
    expect(lines.join('')).toContain('github-pat');
    expect(lines.join('')).not.toMatch(/ghp_secretTOKEN123|pa55word-XYZ/);
  });

  it('keeps secrets across a restart with a data directory', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-secrets-'));
    try {
      env = await startIgniteWithClients({ dataDir });
      await env.secrets('CreateSecret', { name: 'github-pat', value: gitValue });
      await env.close();
      env = await startIgniteWithClients({ dataDir });
      expect((await env.secrets('GetSecret', { name: 'github-pat' })).value.git_secret).toEqual(gitValue.git_secret);
    } finally {
      await env?.close();
      env = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers UNAUTHENTICATED in required-token mode', async () => {
    env = await startIgniteWithClients({ requiredToken: 'tok-abc-123' });
    await expect(env.secrets('ListSecrets', {})).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    const md = new grpc.Metadata();
    md.set('authorization', 'Bearer tok-abc-123');
    expect((await env.secrets('ListSecrets', {}, md)).secrets).toEqual([]);
  });
});
