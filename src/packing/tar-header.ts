/**
 * Tar headers, written byte for byte as tar-stream 3 writes them (its headers.js encode and encodePax, and
 * the pax record pack.js puts before an entry whose name does not fit), so archives packed before and after
 * the packer stopped going through tar-stream are identical. test/packing/tar-header.test.ts compares the
 * two on awkward names. ustar fields are octal text ended by a space; a name that is not ASCII, or too long
 * for ustar's 100 + 155 bytes, or a link target over 100 bytes, goes in a pax `path=`/`linkpath=` record.
 */

export const BLOCK = 512;

export type TarType = 'file' | 'directory' | 'symlink';

export interface TarHeader {
  name: string;
  type: TarType;
  mode: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname?: string;
}

const TYPEFLAG: Record<TarType | 'pax-header', number> = { file: 0, symlink: 2, directory: 5, 'pax-header': 72 };
const ZERO = 0x30;
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00, ZERO, ZERO];

const isAscii = (text: string) => !/[^\x00-\x7f]/.test(text);

function writeText(block: Uint8Array, text: string, offset: number): void {
  for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
}

/** `digits` octal digits and a space, or all sevens when the value does not fit (tar-stream's encodeOct). */
function writeOctal(block: Uint8Array, value: number, digits: number, offset: number): void {
  const octal = value.toString(8);
  const text = octal.length > digits ? `${'7'.repeat(digits)} ` : `${'0'.repeat(digits - octal.length)}${octal} `;
  writeText(block, text, offset);
}

function writeSize(block: Uint8Array, size: number, offset: number): void {
  if (size.toString(8).length <= 11) return writeOctal(block, size, 11, offset);
  // Base-256, for 8 GiB and more.
  block[offset] = 0x80;
  let rest = size;
  for (let i = 11; i > 0; i--) {
    block[offset + i] = rest & 0xff;
    rest = Math.floor(rest / 0x100);
  }
}

/** Splits a long ASCII name at a slash into ustar's prefix and name, or null when it cannot be done. */
function ustarName(full: string): { name: string; prefix: string } | null {
  let name = full;
  let prefix = '';
  while (name.length > 100) {
    const slash = name.indexOf('/');
    if (slash === -1) return null;
    prefix += prefix ? `/${name.slice(0, slash)}` : name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  return prefix.length > 155 ? null : { name, prefix };
}

/** Writes `value` as `digits` octal digits and a space, without making a string (the size of every entry). */
function writeOctalDigits(block: Uint8Array, value: number, digits: number, offset: number): boolean {
  let rest = value;
  for (let i = digits - 1; i >= 0; i--) {
    block[offset + i] = ZERO + (rest % 8);
    rest = Math.floor(rest / 8);
  }
  block[offset + digits] = 0x20;
  return rest === 0;
}

/** The fields every header of one mode and type flag shares, written once (mode, owner, mtime, magic, devices). */
interface Template {
  block: Uint8Array;
  /** The checksum's share of these fields, with the checksum field itself counted as eight spaces. */
  sum: number;
  key: string;
}
const templates = new Map<string, Template>();
let last: Template | null = null;
function template(mode: number, mtime: number, typeflag: number): Template {
  const key = `${mode}/${mtime}/${typeflag}`;
  if (last !== null && last.key === key) return last;
  let found = templates.get(key);
  if (found === undefined) {
    const block = new Uint8Array(BLOCK);
    writeOctal(block, mode & 0o7777, 6, 100);
    writeOctal(block, 0, 6, 108);
    writeOctal(block, 0, 6, 116);
    writeOctal(block, mtime, 11, 136);
    block[156] = ZERO + typeflag;
    block.set(USTAR, 257);
    writeOctal(block, 0, 6, 329);
    writeOctal(block, 0, 6, 337);
    found = { block, sum: block.reduce((a, b) => a + b, 8 * 32), key };
    templates.set(key, found);
  }
  last = found;
  return found;
}

const sumOf = (block: Uint8Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += block[i] as number;
  return sum;
};

/** Writes one ustar header block at `block[0..512)`, which must be zero; false when the fields do not fit ustar. */
function encodeUstar(block: Uint8Array, header: TarHeader, typeflag: number): boolean {
  if (!isAscii(header.name)) return false;
  const split = ustarName(header.name);
  const link = header.linkname === undefined || header.linkname === '' ? null : Buffer.from(header.linkname);
  if (split === null || (link !== null && link.length > 100)) return false;
  const shared = template(header.mode, header.mtime, typeflag);
  block.set(shared.block);
  writeText(block, split.name, 0);
  if (!writeOctalDigits(block, header.size, 11, 124)) writeSize(block, header.size, 124);
  if (link !== null) block.set(link, 157);
  if (split.prefix) writeText(block, split.prefix, 345);
  // Only the name, size, link and prefix differ from the template, and they do not overlap its fields.
  let sum = shared.sum + sumOf(block, 0, split.name.length) + sumOf(block, 124, 136);
  if (link !== null) sum += sumOf(block, 157, 157 + link.length);
  if (split.prefix) sum += sumOf(block, 345, 345 + split.prefix.length);
  writeOctalDigits(block, sum, 6, 148);
  return true;
}

/** A pax record `<length> key=value\n`, whose length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const length = Buffer.byteLength(body);
  let digits = Math.floor(Math.log(length) / Math.log(10)) + 1;
  if (length + digits >= Math.pow(10, digits)) digits++;
  return `${length + digits}${body}`;
}

const padded = (bytes: number) => Math.ceil(bytes / BLOCK) * BLOCK;

/** Writes an entry's one ustar header into `block` (512 zero bytes); false when it needs the pax form instead. */
export function encodeUstarHeader(block: Uint8Array, header: TarHeader): boolean {
  return encodeUstar(block, header, TYPEFLAG[header.type]);
}

/**
 * The bytes that come before an entry's data: one ustar block, or (tar-stream's pax form) a pax header
 * block, the pax records padded to a block, and a ustar block named `PaxHeader`.
 */
export function encodeHeader(header: TarHeader): Uint8Array {
  const single = new Uint8Array(BLOCK);
  if (encodeUstarHeader(single, header)) return single;
  const linkname = header.linkname ? 'PaxHeader' : undefined;
  const records = Buffer.from(paxRecord('path', header.name) + (header.linkname ? paxRecord('linkpath', header.linkname) : ''));
  const out = new Uint8Array(BLOCK + padded(records.length) + BLOCK);
  const base = { name: 'PaxHeader', mode: header.mode, mtime: header.mtime, ...(linkname ? { linkname } : {}) };
  encodeUstar(out.subarray(0, BLOCK), { ...base, type: header.type, size: records.length }, TYPEFLAG['pax-header']);
  out.set(records, BLOCK);
  encodeUstar(out.subarray(out.length - BLOCK), { ...base, type: header.type, size: header.size }, TYPEFLAG[header.type]);
  return out;
}

/** Zero bytes after `size` bytes of data, up to the next block. */
export const paddingAfter = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Two zero blocks end the archive. */
export const END_OF_ARCHIVE_BYTES = 2 * BLOCK;
