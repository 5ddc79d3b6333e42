import type { ComparisonOperator, PredicateLiteral, PushablePredicate } from './pushable-predicate.js';

/*
 * Reads one conjunct of a WHERE or ON clause from libpg-query's parse tree (protobuf JSON: every node
 * is `{ NodeType: { ...fields } }`) as a pushable predicate, or nothing. Only the simple forms are read;
 * anything else (functions, casts of columns, arithmetic, OR, NOT, IS NULL, subqueries) stays in DuckDB.
 */

type PgNode = Record<string, unknown>;

/** Names a column reference's table column: its catalog spelling when it reads the table being planned. */
export type ColumnResolver = (columnRef: PgNode) => string | undefined;

const comparisonOperators = new Set<string>(['=', '<>', '!=', '<', '<=', '>', '>=']);
const flipped: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const plainNumber = /^-?\d+(\.\d+)?$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoTimestamp = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?$/;

function child(node: unknown, type: string): PgNode | undefined {
  const value = (node as PgNode | undefined)?.[type];
  return value !== null && typeof value === 'object' ? (value as PgNode) : undefined;
}

function operatorName(expression: PgNode): string | undefined {
  const names = Array.isArray(expression.name) ? (expression.name as unknown[]) : [];
  if (names.length !== 1) return undefined;
  const value = child(names[0], 'String')?.sval;
  return typeof value === 'string' ? value : undefined;
}

/** Whether `yyyy-mm-dd` names a real calendar day. */
function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `yyyy-mm-dd hh:mm:ss[.ffffff]` for a valid ISO timestamp text (a bare date is its midnight), else undefined. */
export function normalizedTimestamp(text: string): string | undefined {
  const match = isoTimestamp.exec(text);
  if (match === null || !isCalendarDate(match[1] ?? '')) return undefined;
  const [hours, minutes, seconds] = [match[2] ?? '00', match[3] ?? '00', match[4] ?? '00'];
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return `${match[1]} ${hours}:${minutes}:${seconds}${match[5] ?? ''}`;
}

/** A date text DuckDB and every dialect read alike, else undefined. */
export function normalizedDate(text: string): string | undefined {
  return isCalendarDate(text) ? text : undefined;
}

/** A constant, or `DATE '…'` / `TIMESTAMP '…'` over a string constant. */
function readLiteral(node: unknown): PredicateLiteral | undefined {
  const constant = child(node, 'A_Const');
  if (constant !== undefined) {
    if (constant.isnull === true) return undefined;
    // Protobuf JSON leaves zero out: `{ ival: {} }` is 0.
    const integer = child(constant, 'ival');
    if (integer !== undefined) return { kind: 'number', text: String(typeof integer.ival === 'number' ? integer.ival : 0) };
    const decimal = child(constant, 'fval')?.fval;
    if (typeof decimal === 'string') return plainNumber.test(decimal) ? { kind: 'number', text: decimal } : undefined;
    const text = child(constant, 'sval');
    if (text !== undefined) return { kind: 'string', value: typeof text.sval === 'string' ? text.sval : '' };
    return undefined;
  }
  const cast = child(node, 'TypeCast');
  const value = child(child(cast?.arg, 'A_Const'), 'sval');
  if (cast === undefined || value === undefined) return undefined;
  const text = typeof value.sval === 'string' ? value.sval : '';
  const typeNames = Array.isArray(child(cast, 'typeName')?.names) ? (child(cast, 'typeName')?.names as unknown[]) : [];
  const typeName = child(typeNames[typeNames.length - 1], 'String')?.sval;
  if (typeName === 'date') return normalizedDate(text) === undefined ? undefined : { kind: 'date', value: text };
  if (typeName === 'timestamp') {
    const timestamp = normalizedTimestamp(text);
    return timestamp === undefined ? undefined : { kind: 'timestamp', value: timestamp };
  }
  return undefined;
}

function readLiterals(node: unknown): PredicateLiteral[] | undefined {
  const items = child(node, 'List')?.items;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const literals = items.map(readLiteral);
  return literals.every((literal): literal is PredicateLiteral => literal !== undefined) ? literals : undefined;
}

function readExpression(expression: PgNode, resolve: ColumnResolver): PushablePredicate | undefined {
  const name = operatorName(expression);
  const leftColumn = child(expression.lexpr, 'ColumnRef');
  const column = leftColumn === undefined ? undefined : resolve(leftColumn);
  switch (expression.kind) {
    case 'AEXPR_OP': {
      if (name === undefined || !comparisonOperators.has(name)) return undefined;
      const operator = (name === '!=' ? '<>' : name) as ComparisonOperator;
      const right = readLiteral(expression.rexpr);
      if (column !== undefined && right !== undefined) return { form: 'comparison', column, operator, literal: right };
      const rightColumn = child(expression.rexpr, 'ColumnRef');
      const mirrored = rightColumn === undefined ? undefined : resolve(rightColumn);
      const left = readLiteral(expression.lexpr);
      if (mirrored === undefined || left === undefined) return undefined;
      return { form: 'comparison', column: mirrored, operator: flipped[operator], literal: left };
    }
    case 'AEXPR_IN': {
      const literals = readLiterals(expression.rexpr);
      return name === '=' && column !== undefined && literals !== undefined ? { form: 'in', column, literals } : undefined;
    }
    case 'AEXPR_BETWEEN': {
      const [low, high] = readLiterals(expression.rexpr) ?? [];
      return column !== undefined && low !== undefined && high !== undefined ? { form: 'between', column, low, high } : undefined;
    }
    case 'AEXPR_LIKE': {
      // With ESCAPE the pattern is a like_escape(…) call, not a constant, and is not read.
      const pattern = readLiteral(expression.rexpr);
      return name === '~~' && column !== undefined && pattern?.kind === 'string' ? { form: 'like', column, pattern: pattern.value } : undefined;
    }
    default:
      return undefined;
  }
}

/** The conjunct as a pushable predicate on the resolver's table, or undefined when it is not one. */
export function readPushablePredicate(conjunct: unknown, resolve: ColumnResolver): PushablePredicate | undefined {
  const expression = child(conjunct, 'A_Expr');
  if (expression !== undefined) return readExpression(expression, resolve);
  const test = child(conjunct, 'NullTest');
  const argument = child(test?.arg, 'ColumnRef');
  if (test === undefined || test.nulltesttype !== 'IS_NOT_NULL' || argument === undefined) return undefined;
  const column = resolve(argument);
  return column === undefined ? undefined : { form: 'not-null', column };
}

/**
 * The other side of `column = column` when one side is a column of the resolver's table and the other a
 * column of another table: that table's resolver (by its key) and the two columns, else undefined.
 */
export function readColumnEquality(
  conjunct: unknown,
  resolve: ColumnResolver,
  others: ReadonlyMap<string, ColumnResolver>,
): { column: string; fromTable: string; fromColumn: string } | undefined {
  const expression = child(conjunct, 'A_Expr');
  if (expression === undefined || expression.kind !== 'AEXPR_OP' || operatorName(expression) !== '=') return undefined;
  const sides = [child(expression.lexpr, 'ColumnRef'), child(expression.rexpr, 'ColumnRef')];
  for (const [own, other] of [sides, [...sides].reverse()]) {
    const column = own === undefined ? undefined : resolve(own);
    if (column === undefined || other === undefined) continue;
    for (const [fromTable, resolveOther] of others) {
      const fromColumn = resolveOther(other);
      if (fromColumn !== undefined) return { column, fromTable, fromColumn };
    }
  }
  return undefined;
}

/** The conjuncts of an AND tree (`a AND (b AND c)` → a, b, c); anything else is one conjunct. */
export function splitConjuncts(node: unknown): unknown[] {
  if (node === undefined || node === null) return [];
  const boolean = child(node, 'BoolExpr');
  if (boolean !== undefined && boolean.boolop === 'AND_EXPR' && Array.isArray(boolean.args)) return boolean.args.flatMap(splitConjuncts);
  return [node];
}
