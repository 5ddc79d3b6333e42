import type { ScanToken } from 'libpg-query';

/** One replacement of a byte range of the statement. */
export interface TextEdit {
  /** First byte replaced. */
  readonly start: number;
  /** Byte after the last one replaced (equal to `start` for an insertion). */
  readonly end: number;
  /** The replacement text. */
  readonly text: string;
}

type TreeNode = Record<string, unknown>;

/** SQLite's aggregate functions: a column inside one is no bare column. */
const aggregates = new Set(['count', 'sum', 'avg', 'min', 'max', 'total', 'group_concat']);

function asNode(value: unknown): TreeNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TreeNode) : undefined;
}

function functionName(call: TreeNode): string {
  const parts = Array.isArray(call.funcname) ? call.funcname : [];
  return String(asNode(asNode(parts.at(-1))?.String)?.sval ?? '').toLowerCase();
}

/** The name parts of a ColumnRef (`t1`, `name`), lower-case; undefined for `*`. */
function columnParts(reference: TreeNode): string[] | undefined {
  const fields = Array.isArray(reference.fields) ? reference.fields : [];
  const parts = fields.map((field) => asNode(asNode(field)?.String)?.sval);
  return parts.every((part) => typeof part === 'string') ? parts.map((part) => part!.toLowerCase()) : undefined;
}

/** ColumnRefs of an expression outside aggregate calls and subqueries, and the aggregate calls met. */
function collect(value: unknown, columns: TreeNode[], calls: TreeNode[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, columns, calls);
    return;
  }
  const node = asNode(value);
  if (node === undefined) return;
  for (const [type, fields] of Object.entries(node)) {
    if (type === 'SubLink') continue;
    if (type === 'FuncCall' && aggregates.has(functionName(asNode(fields)!))) {
      calls.push(asNode(fields)!);
      continue;
    }
    if (type === 'ColumnRef') columns.push(asNode(fields)!);
    else collect(fields, columns, calls);
  }
}

/** Every SELECT body of the tree (a node with a target list), nested ones included. */
function selectBodies(value: unknown, found: TreeNode[]): void {
  if (Array.isArray(value)) {
    for (const item of value) selectBodies(item, found);
    return;
  }
  const node = asNode(value);
  if (node === undefined) return;
  if (Array.isArray(node.targetList)) found.push(node);
  for (const fields of Object.values(node)) selectBodies(fields, found);
}

/** Byte range of the tokens of a ColumnRef or other name chain that starts at `start`: `a`, `a.b`, `"A"."b"`. */
function nameSpan(tokens: readonly ScanToken[], start: number): { start: number; end: number } | undefined {
  let index = tokens.findIndex((token) => token.start === start);
  if (index < 0) return undefined;
  let end = tokens[index]!.end;
  while (tokens[index + 1]?.text === '.' && tokens[index + 2] !== undefined) {
    end = tokens[index + 2]!.end;
    index += 2;
  }
  return { start, end };
}

/**
 * SQLite lets an aggregate query read a column that is neither grouped nor aggregated (a "bare"
 * column): its value comes from the row holding the min or max when the query has exactly one min()
 * or max(), and from some row of the group otherwise. DuckDB refuses such a column, so it is wrapped
 * in the DuckDB function with the same meaning: `arg_max(col, x)` / `arg_min(col, x)` beside a single
 * `max(x)` / `min(x)` of a plain column, `any_value(col)` otherwise. Looks at the select list, HAVING
 * and ORDER BY of every SELECT that groups or aggregates; `isColumn` tells a column from a one-part
 * name that is something else (SQLite's double-quoted string).
 */
export function bareColumnEdits(tree: unknown, tokens: readonly ScanToken[], isColumn: (parts: readonly string[]) => boolean): TextEdit[] {
  const bodies: TreeNode[] = [];
  selectBodies(tree, bodies);
  const edits: TextEdit[] = [];
  for (const body of bodies) {
    const grouped: string[][] = [];
    for (const key of Array.isArray(body.groupClause) ? body.groupClause : []) {
      const reference = asNode(asNode(key)?.ColumnRef);
      const parts = reference === undefined ? undefined : columnParts(reference);
      if (parts !== undefined) grouped.push(parts);
    }
    const columns: TreeNode[] = [];
    const calls: TreeNode[] = [];
    collect(body.targetList, columns, calls);
    collect(body.havingClause, columns, calls);
    collect(body.sortClause, columns, calls);
    if (calls.length === 0 && grouped.length === 0) continue;
    const extremes = calls.filter((call) => ['min', 'max'].includes(functionName(call)));
    const argument = extremes.length === 1 ? asNode(asNode((extremes[0]!.args as unknown[] | undefined)?.[0])?.ColumnRef) : undefined;
    const argumentSpan = argument === undefined ? undefined : nameSpan(tokens, Number(argument.location));
    const wrapper = (span: { start: number; end: number }, text: (start: number, end: number) => string) =>
      argumentSpan === undefined ? `any_value(${text(span.start, span.end)})` : `arg_${functionName(extremes[0]!)}(${text(span.start, span.end)}, ${text(argumentSpan.start, argumentSpan.end)})`;
    for (const column of columns) {
      const parts = columnParts(column);
      if (parts === undefined || !isColumn(parts)) continue;
      const isGrouped = grouped.some((key) => key.at(-1) === parts.at(-1) && (key.length === 1 || parts.length === 1 || key.join('.') === parts.join('.')));
      // A one-part name may be an output alias (ORDER BY total), which is no column of a row.
      const isAlias = parts.length === 1 && (body.targetList as unknown[]).some((target) => String(asNode(asNode(target)?.ResTarget)?.name ?? '').toLowerCase() === parts[0]);
      if (isGrouped || isAlias) continue;
      const span = nameSpan(tokens, Number(column.location));
      if (span === undefined) continue;
      edits.push({ start: span.start, end: span.end, text: wrapper(span, (start, end) => tokens.filter((token) => token.start >= start && token.end <= end).map((token) => token.text).join('')) });
    }
  }
  return edits;
}
