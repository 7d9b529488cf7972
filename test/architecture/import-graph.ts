/**
 * The import graph of src/, read from the source text: which file imports which, and whether the
 * import survives compilation (a value import) or is erased (`import type`, or only type specifiers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  from: string;
  /** A path under src/ for relative imports, the package name otherwise. */
  to: string;
  /** Erased by the compiler: loads nothing at run time. */
  typeOnly: boolean;
  /** `import('...')`: loads only when that code runs. */
  dynamic: boolean;
}

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) out.push(full.split(path.sep).join('/'));
    }
  };
  visit(root);
  return out.sort();
}

/** Only type specifiers (`{ type A, type B }`) is erased like `import type`. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]!
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.'))
    return specifier.startsWith('node:')
      ? specifier
      : specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

export function importGraph(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    // Template strings (generated code inside a bench) would read as imports; comments are stripped first.
    const text = readFileSync(from, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(STATIC)) {
      edges.push({ from, to: target(from, match[4]!), typeOnly: match[2] !== undefined || onlyTypes(match[3]!), dynamic: false });
    }
    for (const match of text.matchAll(SIDE_EFFECT)) edges.push({ from, to: target(from, match[1]!), typeOnly: false, dynamic: false });
    for (const match of text.matchAll(DYNAMIC)) edges.push({ from, to: target(from, match[1]!), typeOnly: false, dynamic: true });
  }
  return edges;
}

/** Everything `entry` loads before any of its code runs: static value imports, followed transitively. */
export function loadedAtImport(entry: string, edges: readonly ImportEdge[]): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== file || edge.typeOnly || edge.dynamic || seen.has(edge.to)) continue;
      seen.add(edge.to);
      if (edge.to.endsWith('.ts')) queue.push(edge.to);
    }
  }
  return seen;
}

/**
 * Groups of files that import each other in a loop (strongly connected components, Tarjan's
 * algorithm). Type imports count: they tie the files together for a reader as much as value imports.
 */
export function circles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) if (edge.to.endsWith('.ts')) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (next.get(file) ?? []).includes(file)) groups.push(group.sort());
  };
  for (const file of next.keys()) if (!index.has(file)) connect(file);
  return groups;
}
