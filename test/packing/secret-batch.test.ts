/**
 * The packer scans the buffer of a whole batch of small files once (mayHoldSecretShape) and checks files one
 * by one only when that scan hits. That is only as good as the per-file check if every file the per-file
 * check would leave out makes the batch scan hit: true while FILE_TRIGGER matches substrings with nothing
 * that looks past them (anchors, lookarounds, word boundaries), which this test pins, and shown on packs.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldSecretShape, secretReasonInContent } from '../../src/archive/secret-files.js';
import { packContext } from '../../src/packing/index.js';
import { FILE_TRIGGER } from '../../src/shared/secret-rules.js';
import { collect, tempDir, writeTree, type Spec } from './helpers.js';

const TOKENS = [
  `ghp_${'A1b2C3d4E5'.repeat(4)}`,
  'AKIAABCDEFGHIJKLMNOP',
  `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----`,
  `sk_live_${'A1b2C3d4'.repeat(3)}`,
];

describe('the batch scan for secret shapes', () => {
  it('rests on a trigger that matches substrings and looks at nothing around them', () => {
    expect(FILE_TRIGGER.flags).toBe('');
    for (const lookaround of ['^', '$', '\\b', '\\B', '(?=', '(?!', '(?<']) expect(FILE_TRIGGER.source).not.toContain(lookaround);
  });

  it('misses no file the per-file check would leave out, wherever it sits in the batch (property)', () => {
    const filler = fc.string({ maxLength: 300 }).map((text) => Buffer.from(text, 'latin1'));
    const file = fc.oneof(
      { weight: 5, arbitrary: filler },
      fc.tuple(filler, fc.constantFrom(...TOKENS), filler).map(([a, token, b]) => Buffer.concat([a, Buffer.from(token), b])),
    );
    fc.assert(
      fc.property(fc.array(file, { maxLength: 20 }), (files) => {
        const secret = files.some((data) => secretReasonInContent(data) !== null);
        if (secret) expect(mayHoldSecretShape(Buffer.concat(files))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out the same files as a file-by-file check, in a pack of many small files', async () => {
    const spec: Spec = { Dockerfile: 'FROM scratch\n' };
    for (let i = 0; i < 1500; i++) spec[`src/m${String(i).padStart(4, '0')}.txt`] = `module ${i}\n`;
    spec['src/m0700.txt'] = `token = "${TOKENS[0]}"\n`;
    // A trigger split over two neighbours: the batch scan hits, the per-file check clears both.
    spec['src/m1000.txt'] = 'ends with AK';
    spec['src/m1001.txt'] = 'IAABCDEFGHIJKLMNOP starts the next';
    // Binary (a NUL first): not scanned one by one either.
    spec['src/m1200.txt'] = Buffer.concat([Buffer.from([0]), Buffer.from(TOKENS[1] as string)]);
    const root = await writeTree(await tempDir(), spec);
    const packed = await packContext({ folder: root, allowedRoots: [root] });
    await collect(packed.stream);
    const result = await packed.result;
    expect(result.excluded.filter((e) => e.reason === 'secret-file')).toEqual([
      { path: 'src/m0700.txt', reason: 'secret-file', detail: 'contains a github-token' },
    ]);
    expect(result.fileCount).toBe(1500);
  });
});
