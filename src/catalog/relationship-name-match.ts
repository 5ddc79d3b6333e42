import type { CatalogSource, RelationshipEvidence } from './catalog-types.js';

/** A column that could be one end of a join key between sources. */
export interface KeyColumn {
  /** Source name. */
  readonly source: string;
  /** Table name. */
  readonly table: string;
  /** Column name. */
  readonly column: string;
  /** Which values it holds: whole numbers or text; only columns of the same class can join. */
  readonly typeClass: 'integer' | 'text';
}

/** Two columns of different sources whose names say they may hold the same values. */
export interface NameCandidate {
  /** One column. */
  readonly left: KeyColumn;
  /** The other column, in another source. */
  readonly right: KeyColumn;
  /** How the names match. */
  readonly nameMatch: RelationshipEvidence['nameMatch'];
}

/**
 * Names that say nothing about what a column refers to: two independent `id` columns both hold 1, 2,
 * 3…, so matching names and overlapping values would "relate" any two tables. Such a column matches
 * only when the other name qualifies it with the table (`employee_id` → `employees.id`).
 */
const genericNames = new Set([
  'id', 'key', 'code', 'no', 'nr', 'num', 'number', 'name', 'uuid', 'guid', 'pk', 'rowid', 'oid', 'value', 'type', 'kind',
  // Calendar parts: two tables of the same years share values without referring to each other.
  'year', 'month', 'week', 'day', 'quarter', 'qtr', 'hour',
]);
/** A suffix shorter than this must start at a word boundary of the longer name (`adjuster_emp_no` → `emp_no`). */
const unalignedSuffixLength = 4;

/** Lower case, letters and digits only: `Emp_No` and `empno` compare equal. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The class of values a column type holds for joining, or undefined for types that make no join key (dates, floats, booleans). */
export function keyTypeClass(type: string): KeyColumn['typeClass'] | undefined {
  const lower = type.toLowerCase().trim();
  if (/^(u?(tiny|small|medium|big|huge)?int(eger)?\d*|int[248]|u?bigint|serial\d*|bigserial|smallserial|long|short)\b/.test(lower)) return 'integer';
  if (/^(number|numeric|decimal)\s*\(\s*\d+\s*,\s*0\s*\)$/.test(lower) || /^number\s*\(\s*\d+\s*\)$/.test(lower)) return 'integer';
  if (/(char|text|string|uuid|citext|enum)/.test(lower)) return 'text';
  return undefined;
}

/** The key-like columns of the healthy SQL sources: integer or text, never PII. */
export function keyColumnsOf(sources: readonly CatalogSource[]): KeyColumn[] {
  return sources.flatMap((source) =>
    source.tables.flatMap((table) =>
      table.columns.flatMap((column) => {
        const typeClass = column.pii ? undefined : keyTypeClass(column.type);
        return typeClass === undefined ? [] : [{ source: source.name, table: table.name, column: column.name, typeClass }];
      }),
    ),
  );
}

/** Where in `name` each word starts (after `_`, `-`, a space, or at a lower→upper case change), as offsets into its normalized form. */
function wordStarts(name: string): Set<number> {
  const starts = new Set<number>([0]);
  let offset = 0;
  for (let index = 0; index < name.length; index += 1) {
    const character = name[index]!;
    if (!/[A-Za-z0-9]/.test(character)) {
      starts.add(offset);
      continue;
    }
    if (index > 0 && /[A-Z]/.test(character) && /[a-z0-9]/.test(name[index - 1]!)) starts.add(offset);
    offset += 1;
  }
  return starts;
}

/** The forms a table name takes inside a column that refers to it: `employees` → employees, employee. */
function tableStems(table: string): string[] {
  const name = normalizedName(table.split('.').at(-1) ?? table);
  const stems = new Set([name]);
  if (name.endsWith('ies')) stems.add(`${name.slice(0, -3)}y`);
  else if (name.endsWith('ses') || name.endsWith('xes')) stems.add(name.slice(0, -2));
  else if (name.endsWith('s')) stems.add(name.slice(0, -1));
  return [...stems].filter((stem) => stem.length > 0);
}

/** The names under which a column can be found by a column that refers to it. */
function referenceKeys(column: KeyColumn): { key: string; nameMatch: RelationshipEvidence['nameMatch'] }[] {
  const name = normalizedName(column.column);
  if (genericNames.has(name)) return tableStems(column.table).map((stem) => ({ key: `${stem}${name}`, nameMatch: 'table-qualified' as const }));
  return [{ key: name, nameMatch: 'same-name' as const }];
}

/** The tiers in the order candidates are taken: the strongest kind of name match first. */
const tiers: readonly RelationshipEvidence['nameMatch'][] = ['table-qualified', 'same-name', 'suffix'];

/**
 * Pairs of columns in different sources, of one type class, whose names match: a table-qualified key
 * first, then the same name, then one name ending with the other; within a tier in catalog order. Built
 * through an index of name endings, so a catalog of 200,000 columns is matched without comparing every
 * pair, and stopped at `limit` pairs: a catalog where hundreds of tables share a column name yields its
 * strongest candidates, not millions.
 */
export function nameCandidates(columns: readonly KeyColumn[], limit = Number.POSITIVE_INFINITY): NameCandidate[] {
  const referenceKeysOf = new Map(columns.map((column) => [column, referenceKeys(column)]));
  const wanted = new Set([...referenceKeysOf.values()].flatMap((keys) => keys.map(({ key }) => key)));
  // Only the endings some column can be referred to by are indexed: a few per column, not every suffix.
  const byEnding = new Map<string, KeyColumn[]>();
  for (const column of columns) {
    const name = normalizedName(column.column);
    const starts = wordStarts(column.column);
    for (let offset = 0; offset < name.length; offset += 1) {
      const ending = name.slice(offset);
      if (!wanted.has(ending) || (offset > 0 && ending.length < unalignedSuffixLength && !starts.has(offset))) continue;
      const bucket = byEnding.get(ending);
      if (bucket === undefined) byEnding.set(ending, [column]);
      else bucket.push(column);
    }
  }
  const found = new Map<string, NameCandidate>();
  for (const tier of tiers) {
    for (const [referenced, keys] of referenceKeysOf) {
      for (const { key, nameMatch } of keys) {
        if ((nameMatch === 'table-qualified') !== (tier === 'table-qualified')) continue;
        for (const referencing of byEnding.get(key) ?? []) {
          if (referencing.source === referenced.source || referencing.typeClass !== referenced.typeClass) continue;
          const referencingName = normalizedName(referencing.column);
          const match = tier === 'table-qualified' ? tier : referencingName === key ? 'same-name' : 'suffix';
          if (match !== tier || (genericNames.has(referencingName) && tier !== 'table-qualified')) continue;
          const ordered = [referencing, referenced].sort((left, right) => columnId(left).localeCompare(columnId(right)));
          const id = ordered.map(columnId).join(' ');
          if (found.has(id)) continue;
          found.set(id, { left: ordered[0]!, right: ordered[1]!, nameMatch: match });
          if (found.size >= limit) return [...found.values()];
        }
      }
    }
  }
  return [...found.values()];
}

function columnId(column: KeyColumn): string {
  return `${column.source}.${column.table}.${column.column}`;
}
