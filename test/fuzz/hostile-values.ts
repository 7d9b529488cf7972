import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

/** Strings that have broken servers before: paths out of a root, control bytes, odd unicode, injections. */
export const ADVERSARIAL_STRINGS: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  '../../../../../../../../etc/shadow',
  '/etc/passwd',
  '/proc/self/environ',
  '/dev/zero',
  '~root',
  '~/.ssh/id_rsa',
  'C:\\Windows\\System32',
  '\\\\?\\C:\\Windows',
  '\\\\server\\share\\x',
  'file:///etc',
  'file:///etc/passwd',
  'file://remote-host/share/x',
  'file:///a%2Fb',
  '""',
  "'~'",
  'http://169.254.169.254/latest/meta-data/',
  'a\u0000b',
  '\u0000',
  '\r\n\r\nGET / HTTP/1.1\r\nHost: evil\r\n\r\n',
  'x\r\nSet-Cookie: a=b',
  '\u001b[31mred\u001b[0m',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(50),
  'ﬁ\u0301\u0308\u0338',
  '%00%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%',
  '%E0%A4%A',
  '$(reboot)',
  '`id`',
  '; rm -rf /',
  "' OR 1=1 --",
  '{{constructor.constructor("return process")()}}',
  '${jndi:ldap://x/a}',
  '__proto__',
  'constructor',
  'toString',
  'b-00000000-0000-0000-0000-000000000000',
  'build-1',
  'local/example-app',
  'localhost/local/example-app:latest',
  'localhost/local/example-app@sha256:' + '0'.repeat(64),
  'ctx-deadbeef',
  'ignite://builds/x/logs?after=-1',
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
];

/** Values of the wrong type or of absurd size; each is cheap to build once and reuse. */
const BIG_STRING = 'A'.repeat(100 * 1024 + 7);
const BIG_UNICODE = '\u{1F600}\u0000\u200b'.repeat(40_000);
const LONG_ARRAY = Array.from({ length: 5_000 }, (_, i) => (i % 2 ? i : `item-${i}`));
const WIDE_OBJECT = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, i]));

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

const SPECIAL_VALUES: readonly unknown[] = [
  BIG_STRING,
  BIG_UNICODE,
  LONG_ARRAY,
  WIDE_OBJECT,
  nested(2_000, 'deep', false),
  nested(2_000, 'deep', true),
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53,
  null,
  true,
  false,
  [],
  {},
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ADVERSARIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ADVERSARIAL_STRINGS).map((s) => s.repeat(2000)) },
);

/** A hostile value: adversarial strings, wrong types, huge or deep values, small random JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_VALUES) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

/** Argument objects that ignore the schema: real field names with hostile values, unknown fields, missing fields. */
export function hostileArguments(fieldNames: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fieldNames, 'extra') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'x'.repeat(1000)) },
  );
  return fc.dictionary(key, hostileValue, { maxKeys: Math.max(3, fieldNames.length) });
}

/** Things in the allowed folder that a context reader must refuse or skip, never hang on or crash over. */
export function makeNastyPaths(root: string): string[] {
  const dir = path.join(root, 'nasty');
  mkdirSync(path.join(dir, 'ctx'), { recursive: true });
  writeFileSync(path.join(dir, 'ctx', 'Dockerfile'), 'FROM node:20-alpine\nCOPY . /app\n');
  writeFileSync(path.join(dir, 'ctx', 'locked.txt'), 'no');
  chmodSync(path.join(dir, 'ctx', 'locked.txt'), 0o000);
  execFileSync('mkfifo', [path.join(dir, 'ctx', 'pipe'), path.join(dir, 'pipe.tar.gz')]);
  symlinkSync('/etc', path.join(dir, 'ctx', 'etc-link'));
  symlinkSync('/etc', path.join(dir, 'etc-link'));
  symlinkSync('loop-b', path.join(dir, 'loop-a'));
  symlinkSync('loop-a', path.join(dir, 'loop-b'));
  mkdirSync(path.join(dir, 'folder.tar.gz'));
  writeFileSync(path.join(dir, 'fake.zip'), 'this is not a zip');
  writeFileSync(path.join(dir, 'name\nwith\u0001control'), 'x');
  return [
    path.join(dir, 'ctx'),
    path.join(dir, 'ctx', 'Dockerfile'),
    path.join(dir, 'ctx', 'locked.txt'),
    path.join(dir, 'ctx', 'pipe'),
    path.join(dir, 'pipe.tar.gz'),
    path.join(dir, 'etc-link'),
    path.join(dir, 'loop-a'),
    path.join(dir, 'folder.tar.gz'),
    path.join(dir, 'fake.zip'),
    path.join(dir, 'missing'),
    path.join(dir, 'missing.tar.gz'),
    'nasty/ctx',
    'nasty/../../..',
  ];
}
