/**
 * Comments cite reference notes by file and heading (`docs/ignite-api.md §9`, `docs/mcp-sdk.md G8`).
 * These tests keep such citations from rotting: a cited file must be in docs/ and cited by that path,
 * and every cited section or gotcha must be a heading of that file.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = path.resolve('docs');
const SCANNED = ['src', 'test', 'bench', 'scripts', 'proto', 'docs'];

/** A stable heading id: a section (`§4.2`) or a gotcha (`G8`). */
const ID = String.raw`(?:§\d+(?:\.\d+)*|G\d+)`;
/** `<path>.md` followed by one or more ids joined by spaces, commas or range dashes (`§4.3–§4.5, §6`). */
const CITATION = new RegExp(String.raw`([\w./-]*?)([\w.-]+\.md)((?:(?:\s+|\s*,\s*|\s*[–-]\s*)${ID}(?!\w))+)`, 'gu');

interface Citation {
  /** What stands before the file name, e.g. `docs/`. */
  prefix: string;
  file: string;
  ids: string[];
  line: number;
}

function citationsIn(text: string): Citation[] {
  return [...text.matchAll(CITATION)].map((m) => ({
    prefix: m[1]!,
    file: m[2]!,
    ids: m[3]!.match(new RegExp(ID, 'gu'))!,
    line: text.slice(0, m.index).split('\n').length,
  }));
}

/** The ids of a document's headings (`## §5.7 …`, `### G8 …`). */
function headingIds(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(String.raw`^#{1,6}\s+(${ID})(?=[\s.:]|$)`, 'gmu'))].map((m) => m[1]!);
}

/** The comment part of each line: whole comment lines, or what follows ` //` on a code line. */
function commentText(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*(\/\/|\/?\*|#)/.test(line) ? line : (/\s\/\/.*$/.exec(line)?.[0] ?? '')))
    .join('\n');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const sources = SCANNED.flatMap((dir) => filesUnder(path.resolve(dir)))
  .map((file) => ({ file: path.relative(process.cwd(), file), text: readFileSync(file, 'utf8') }))
  .filter(({ text }) => !text.includes('\0'));
const inDocs = (file: string) => file.startsWith(`docs${path.sep}`);
const outsideDocs = sources.filter(({ file }) => !inDocs(file));
const headingsOf = new Map(
  readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => [name, headingIds(readFileSync(path.join(DOCS, name), 'utf8'))]),
);

describe('citations of reference documents', () => {
  it('reads citations with lists and ranges of sections', () => {
    // Joined at run time, so the scan below does not take these examples for citations.
    const text = ['(docs/ignite-api', 'md §4.3–§4.5, §5.4, §6).\nSee docs/mcp-sdk', 'md G1, G2.'].join('.');
    expect(citationsIn(text)).toEqual([
      { prefix: 'docs/', file: 'ignite-api.md', ids: ['§4.3', '§4.5', '§5.4', '§6'], line: 1 },
      { prefix: 'docs/', file: 'mcp-sdk.md', ids: ['G1', 'G2'], line: 2 },
    ]);
    const headings = ['## §4 Build', '### §4.2 Upload', '### G8 stdio', '#### §4.20', 'text §5', '## §5x'].join('\n');
    expect(headingIds(headings)).toEqual(['§4', '§4.2', 'G8', '§4.20']);
  });

  it('finds the citations the code makes', () => {
    expect(outsideDocs.flatMap(({ text }) => citationsIn(text)).length).toBeGreaterThan(5);
  });

  it('every cited document is in docs/ and cited by that path', () => {
    const wrong = sources.flatMap(({ file, text }) =>
      citationsIn(text)
        .filter((c) => !headingsOf.has(c.file) || !(c.prefix === 'docs/' || (c.prefix === '' && inDocs(file))))
        .map((c) => `${file}:${c.line}: ${c.prefix}${c.file} (keep the document in docs/ and cite it as docs/<name>.md)`),
    );
    expect(wrong).toEqual([]);
  });

  it('every cited section and gotcha is a heading of its document', () => {
    const missing = sources.flatMap(({ file, text }) =>
      citationsIn(text).flatMap((c) =>
        c.ids
          .filter((id) => headingsOf.has(c.file) && !headingsOf.get(c.file)!.includes(id))
          .map((id) => `${file}:${c.line}: ${c.prefix}${c.file} has no heading ${id}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('comments name only documents that exist in docs/', () => {
    const missing = outsideDocs.flatMap(({ file, text }) =>
      [...commentText(text).matchAll(/(?<![\w.-])((?:[\w.-]+\/)*)docs\/([\w.-]+\.md)\b/g)]
        .filter((m) => m[1] !== '' || !headingsOf.has(m[2]!))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(missing).toEqual([]);
  });

  it("headings are unique, and a document's own § and G references resolve", () => {
    const problems: string[] = [];
    for (const [name, ids] of headingsOf) {
      problems.push(...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${name}: heading ${id} appears twice`));
      const own = readFileSync(path.join(DOCS, name), 'utf8').replace(CITATION, '');
      for (const [mark, reference] of [
        ['§', /§\d+(?:\.\d+)*/gu],
        ['G', /(?<![\w-])G\d+\b/gu],
      ] as const) {
        if (!ids.some((id) => id.startsWith(mark))) continue;
        for (const [ref] of own.matchAll(reference))
          if (!ids.includes(ref)) problems.push(`${name}: refers to ${ref}, which is not a heading`);
      }
    }
    expect(problems).toEqual([]);
  });
});
