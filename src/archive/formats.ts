/**
 * The archive formats a build context travels in, as both sides name and recognise them: the packer
 * writes and checks them, the tools take them from file names, the local Ignite accepts them by
 * content type and tells them apart by their first bytes.
 */

/** The formats a context is sent in, named as the tools name them. */
export const ARCHIVE_FORMATS = ['tar.gz', 'zip'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** What an archive's first bytes say it is. A gzip stream is taken to hold a tar, as a context's does. */
export type ArchiveKind = 'gzip' | 'zip' | 'tar';

/** The content type each format is sent with. */
export const CONTENT_TYPES: Readonly<Record<ArchiveFormat, string>> = { 'tar.gz': 'application/gzip', zip: 'application/zip' };

/** Content types an upload may declare, aliases that clients send included, and the kind each promises. */
export const DECLARED_CONTENT_TYPES: Readonly<Record<string, Exclude<ArchiveKind, 'tar'>>> = {
  'application/gzip': 'gzip',
  'application/x-gzip': 'gzip',
  'application/x-tar+gzip': 'gzip',
  'application/zip': 'zip',
};

/** A file name that says "existing archive, send as is" rather than "folder to pack". */
export const ARCHIVE_FILE_NAME = /\.(tar\.gz|tgz|zip)$/i;

/** Enough leading bytes to tell a gzip or zip apart; a plain tar needs TAR_SNIFF_BYTES. */
export const SNIFF_BYTES = 4;
/** A plain tar is only recognised by the ustar magic at offset 257. */
export const TAR_SNIFF_BYTES = 262;

/** What the first bytes say, or undefined when they are none of the three. */
export function sniffArchive(head: Uint8Array): ArchiveKind | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // A local file header (PK\3\4) or, for an archive with no entries, the end record (PK\5\6).
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06))
    return 'zip';
  if (head.length >= TAR_SNIFF_BYTES && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/** The format a context of this kind is sent as; a plain tar is not one of them. */
export function contextFormatOf(kind: Exclude<ArchiveKind, 'tar'>): ArchiveFormat;
export function contextFormatOf(kind: ArchiveKind | undefined): ArchiveFormat | undefined;
export function contextFormatOf(kind: ArchiveKind | undefined): ArchiveFormat | undefined {
  if (kind === 'gzip') return 'tar.gz';
  if (kind === 'zip') return 'zip';
  return undefined;
}
