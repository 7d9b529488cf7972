/**
 * Which items of proto/ are our design rather than documented: each carries a
 * `// not in the public docs: our design` comment right above it (test/contract checks the marker).
 * A marked message or enum covers its fields and values; a marked service covers its methods.
 */
const MARKER = 'not in the public docs: our design';
const DECLARATION =
  /^\s*(message|enum|service)\s+(\w+)|^\s*rpc\s+(\w+)|^\s*(?:repeated\s+|optional\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+|^\s*(\w+)\s*=\s*-?\d+\s*;/;

/** Fully qualified names (`pkg.Message`, `pkg.Message.field`, `pkg.Service.Method`) that are ours. */
export function designedItems(protoTexts: readonly string[]): Set<string> {
  const designed = new Set<string>();
  for (const text of protoTexts) {
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1] ?? '';
    const scopes: Array<{ name: string; designed: boolean }> = [];
    let marked = false;
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('//')) {
        if (trimmed.includes(MARKER)) marked = true;
        continue;
      }
      const match = DECLARATION.exec(line);
      if (match) {
        const parent = scopes.at(-1);
        const name = match[2] ?? match[3] ?? match[4] ?? match[5]!;
        const qualified = `${parent ? parent.name : pkg}.${name}`;
        const isDesigned = marked || (parent?.designed ?? false);
        if (isDesigned) designed.add(qualified);
        if (match[1]) scopes.push({ name: qualified, designed: isDesigned });
      }
      for (const char of trimmed) if (char === '}') scopes.pop();
      if (trimmed !== '') marked = false;
    }
  }
  return designed;
}
