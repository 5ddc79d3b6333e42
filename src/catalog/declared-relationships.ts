import type { CatalogColumn, CatalogRelationship, CatalogSource, ColumnReference } from './catalog-types.js';
import type { OverlayFile } from './overlay-schema.js';
import { keyTypeClass } from './relationship-name-match.js';

/** One relationship as an overlay writes it. */
type OverlayRelationship = NonNullable<OverlayFile['relationships']>[number];

/** A problem of one overlay's declarations, found without the catalog, with the YAML path it is at. */
export interface DeclarationProblem {
  /** Path inside the overlay file, e.g. `['relationships', 0, 'from']`. */
  readonly path: (string | number)[];
  /** What is wrong and how to write it instead. */
  readonly message: string;
}

/** `source.table.column` split into its parts; the table part may itself hold dots. Undefined when it has fewer than three parts. */
export function parseColumnPath(text: string): ColumnReference | undefined {
  const parts = text.trim().split('.');
  if (parts.length < 3 || parts.some((part) => part.trim() === '')) return undefined;
  return { source: parts[0]!, table: parts.slice(1, -1).join('.'), column: parts.at(-1)! };
}

/** `source.table.column`. */
export function columnPath(reference: ColumnReference): string {
  return `${reference.source}.${reference.table}.${reference.column}`;
}

/** The same key whichever way round the pair is written, ignoring case. */
export function relationshipPairKey(relationship: { from: ColumnReference; to: ColumnReference }): string {
  return [columnPath(relationship.from), columnPath(relationship.to)].map((path) => path.toLowerCase()).sort().join(' ');
}

/**
 * What is wrong with an overlay's relationships on their own: an end not written `source.table.column`,
 * both ends in one source, neither end in the overlay's own source (a relationship lives in the overlay
 * of one of the sources it joins, so whoever curates that source sees it), or the same pair twice.
 */
export function relationshipDeclarationProblems(overlay: OverlayFile): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const seen = new Set<string>();
  (overlay.relationships ?? []).forEach((relationship, index) => {
    const ends = (['from', 'to'] as const).map((end) => {
      const parsed = parseColumnPath(relationship[end]);
      if (parsed === undefined) {
        problems.push({ path: ['relationships', index, end], message: `"${relationship[end]}" must name a column as source.table.column, e.g. hr.employees.emp_no` });
      }
      return parsed;
    });
    const [from, to] = ends;
    if (from === undefined || to === undefined) return;
    const where = ['relationships', index];
    if (from.source === to.source) {
      problems.push({ path: where, message: `both ends are in source "${from.source}"; relationships join two different sources` });
    } else if (from.source !== overlay.source && to.source !== overlay.source) {
      problems.push({ path: where, message: `neither end is in source "${overlay.source}"; declare it in the overlay of ${from.source} or ${to.source}` });
    }
    const key = relationshipPairKey({ from, to });
    if (seen.has(key)) problems.push({ path: where, message: `${relationship.from} → ${relationship.to} is declared twice` });
    seen.add(key);
  });
  return problems;
}

/** Where one declared end points in the catalog: the column found, a reason it is unusable, or unchecked (source not loaded). */
type ResolvedEnd = { column: ColumnReference; type: string } | { problem: string } | { unchecked: ColumnReference };

function resolveEnd(reference: ColumnReference, sources: readonly CatalogSource[]): ResolvedEnd {
  const source = sources.find((candidate) => candidate.name === reference.source);
  if (source === undefined) return { problem: `source "${reference.source}" is not configured` };
  if (!source.status.healthy) return { unchecked: reference };
  const table = source.tables.find((candidate) => candidate.name.toLowerCase() === reference.table.toLowerCase());
  if (table === undefined) return { problem: `table "${reference.table}" does not exist in source "${reference.source}" (or is hidden)` };
  const column: CatalogColumn | undefined = table.columns.find((candidate) => candidate.name.toLowerCase() === reference.column.toLowerCase());
  if (column === undefined) return { problem: `column "${table.name}.${reference.column}" does not exist in source "${reference.source}"` };
  if (column.pii) return { problem: `column "${table.name}.${column.name}" of source "${reference.source}" holds personal data, which never leaves its source` };
  return { column: { source: source.name, table: table.name, column: column.name }, type: column.type };
}

/** Each declared relationship of every overlay (parseable ones only) with the overlay's source name. */
function eachDeclared(overlays: ReadonlyMap<string, OverlayFile>): { overlay: string; declared: OverlayRelationship; from: ColumnReference; to: ColumnReference }[] {
  return [...overlays].flatMap(([overlay, file]) =>
    (file.relationships ?? []).flatMap((declared) => {
      const from = parseColumnPath(declared.from);
      const to = parseColumnPath(declared.to);
      return from && to ? [{ overlay, declared, from, to }] : [];
    }),
  );
}

/**
 * Declared relationships checked against the catalog. A relationship naming a source, table or
 * column the catalog does not hold, or a PII column, is left out and reported; one whose source is
 * not loaded is kept as written. Ends are spelt as the catalog spells them; the same pair declared in
 * the overlays of both its sources counts once.
 */
export function resolveDeclaredRelationships(
  overlays: ReadonlyMap<string, OverlayFile>,
  sources: readonly CatalogSource[],
): { relationships: CatalogRelationship[]; warnings: string[] } {
  const relationships = new Map<string, CatalogRelationship>();
  const warnings: string[] = [];
  for (const { overlay, declared, from, to } of eachDeclared(overlays)) {
    const label = `overlay for source "${overlay}": relationship ${declared.from} → ${declared.to}`;
    const ends = [resolveEnd(from, sources), resolveEnd(to, sources)];
    const problems = ends.flatMap((end) => ('problem' in end ? [end.problem] : []));
    if (problems.length > 0) {
      warnings.push(`${label}: ${problems.join('; ')}`);
      continue;
    }
    const [fromEnd, toEnd] = ends.map((end) => ('column' in end ? end : { column: (end as { unchecked: ColumnReference }).unchecked, type: undefined }));
    const classes = [fromEnd!.type, toEnd!.type].map((type) => (type === undefined ? undefined : keyTypeClass(type) ?? type));
    if (classes[0] !== undefined && classes[1] !== undefined && classes[0] !== classes[1]) {
      warnings.push(`${label}: the columns hold different kinds of values (${fromEnd!.type} and ${toEnd!.type}), so they never compare equal without a cast`);
    }
    const relationship: CatalogRelationship = {
      from: fromEnd!.column,
      to: toEnd!.column,
      origin: 'declared',
      ...(declared.description ? { description: declared.description } : {}),
    };
    const key = relationshipPairKey(relationship);
    const kept = relationships.get(key);
    // Declared in both sources' overlays: the first declaration wins, with a description from either.
    if (kept === undefined) relationships.set(key, relationship);
    else if (kept.description === undefined && relationship.description !== undefined) relationships.set(key, { ...kept, description: relationship.description });
  }
  return { relationships: [...relationships.values()], warnings };
}
