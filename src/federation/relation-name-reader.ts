import { parseSync } from 'libpg-query';

type PgNode = Record<string, unknown>;

function collect(value: unknown, relations: string[], cteNames: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, relations, cteNames);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as PgNode)) {
    if (key === 'CommonTableExpr' && typeof (child as PgNode).ctename === 'string') cteNames.add(((child as PgNode).ctename as string).toLowerCase());
    if (key === 'RangeVar') {
      const rangeVar = child as PgNode;
      const parts = [rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname].filter((part): part is string => typeof part === 'string' && part !== '');
      relations.push(parts.join('.'));
    }
    collect(child, relations, cteNames);
  }
}

/**
 * The relations a statement names, as written with their parts joined by '.', without the names of
 * its own CTEs and each once; empty when the statement does not parse. For a refused federated query,
 * so the caller can tell a table of a source the client may not use from a mistake.
 */
export function readNamedRelations(sql: string): string[] {
  let tree: unknown;
  try {
    tree = parseSync(sql);
  } catch {
    return [];
  }
  const relations: string[] = [];
  const cteNames = new Set<string>();
  collect(tree, relations, cteNames);
  const seen = new Set<string>();
  return relations.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key) || cteNames.has(key)) return false;
    seen.add(key);
    return true;
  });
}
