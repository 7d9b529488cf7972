import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { unknownFields } from '../helpers/proto-descriptors.js';

const SEED_COPY = path.resolve('test/fixtures/seed-build-custom-image.txt');
const SEED_ORIGINAL = path.resolve('../shared/seeds/000_f90ecc4ec05ba6a1.txt');

const PLACEHOLDERS: Record<string, string> = {
  ORG: 'my-org',
  APP: 'my-app',
  IMAGE_REF: 'admin-registry.dev.dodil.io/my-org/my-app:latest',
};

/** The `-d '<json>'` bodies of the seed's grpcurl calls, shell placeholders substituted. */
export function saveDraftBodiesFromSeed(text: string): { json: string; body: Record<string, unknown> }[] {
  const bodies = [...text.matchAll(/-d '(\{[\s\S]*?\})' \\\n\$\{IGNITE_GRPC\} dodil\.ignite\.v1\.ComputeService\/SaveDraft/g)];
  return bodies.map((match) => {
    const json = match[1]!.replace(/'"\$\{(\w+)\}"'/g, (_, name: string) => PLACEHOLDERS[name] ?? `<${name}>`);
    return { json, body: JSON.parse(json) as Record<string, unknown> };
  });
}

describe("the seed workflow's SaveDraft bodies", () => {
  const seed = readFileSync(SEED_COPY, 'utf8');
  const bodies = saveDraftBodiesFromSeed(seed);

  it('the committed copy matches shared/seeds when that folder is beside the repo', () => {
    if (!existsSync(SEED_ORIGINAL)) return;
    expect(seed).toBe(readFileSync(SEED_ORIGINAL, 'utf8'));
  });

  it('finds the four bodies: prebuilt, prebuilt with registry_secret_ref, from_code, from_git', () => {
    expect(bodies).toHaveLength(4);
    const images = bodies.map((b) => (b.body.code as { image: Record<string, Record<string, unknown>> }).image);
    expect(Object.keys(images[0]!)).toEqual(['prebuilt']);
    expect(Object.keys(images[1]!.prebuilt!)).toEqual(['image_ref', 'registry_secret_ref']);
    expect(Object.keys(images[2]!)).toEqual(['from_code']);
    expect(Object.keys(images[3]!.from_git!)).toEqual(['url', 'reference', 'sub_path', 'dockerfile_path', 'secret_ref']);
  });

  it.each([0, 1, 2, 3])('body %i names only fields SaveDraftRequest has', (index) => {
    expect(unknownFields('SaveDraftRequest', bodies[index]!.body)).toEqual([]);
  });

  it('a misspelt field is caught (the check can fail)', () => {
    expect(unknownFields('SaveDraftRequest', { organisation_name: 'x', code: { image: { prebuilt: { imageRef: 'y' } } } })).toEqual([
      'SaveDraftRequest.organisation_name',
      'SaveDraftRequest.code.image.prebuilt.imageRef',
    ]);
  });

  it.each([0, 1, 3])('body %i survives an encode/decode round trip unchanged', (index) => {
    const method = loadIgniteProtos().v1.ComputeService.service.SaveDraft;
    const body = bodies[index]!.body;
    const decoded = method.requestDeserialize(method.requestSerialize(body as never)) as unknown as Record<string, unknown>;
    expect(decoded).toMatchObject(body);
  });
});
