/** What a vetted function is for; the audit log and the README's function tables group by it. */
export type FunctionCategory =
  | 'aggregate'
  | 'window'
  | 'math'
  | 'string'
  | 'regex'
  | 'date-time'
  | 'conversion'
  | 'conditional'
  | 'json'
  | 'array'
  | 'map-struct'
  | 'bitwise'
  | 'hash'
  | 'uuid'
  | 'text-search'
  | 'network'
  | 'geometry'
  | 'range'
  | 'syntax';

/** Where a call stands: in an expression (scalar, aggregate, window) or as a FROM item (a table function). */
export type FunctionPosition = 'expression' | 'table';

/** The vetted functions of one dialect, by the position they may be called in. */
export interface FunctionAllowList {
  /** Engine and version the list was reviewed against, for the refusal message and the README. */
  readonly reviewedAgainst: string;
  /** Scalar, aggregate and window functions by lower-case name. */
  readonly expression: ReadonlyMap<string, FunctionCategory>;
  /** Table functions (FROM items) by lower-case name; their arguments are values, never names of relations or files. */
  readonly table: ReadonlyMap<string, FunctionCategory>;
}

/** A list as written in a dialect file: per category, names separated by white space. */
export type FunctionListSource = Partial<Record<FunctionCategory, string>>;

function toMap(source: FunctionListSource): Map<string, FunctionCategory> {
  const names = new Map<string, FunctionCategory>();
  for (const [category, text] of Object.entries(source) as [FunctionCategory, string][]) {
    for (const name of text.split(/\s+/u)) if (name !== '') names.set(name.toLowerCase(), category);
  }
  return names;
}

/** Builds a dialect's allow-list from its category texts. */
export function defineFunctionAllowList(
  reviewedAgainst: string,
  expression: FunctionListSource,
  table: FunctionListSource = {},
): FunctionAllowList {
  return { reviewedAgainst, expression: toMap(expression), table: toMap(table) };
}

/** A list extended by another's names, for engines derived from another (Redshift from PostgreSQL). */
export function extendFunctionAllowList(
  base: FunctionAllowList,
  reviewedAgainst: string,
  expression: FunctionListSource,
  removed: string,
  table: FunctionListSource = {},
): FunctionAllowList {
  const expressionNames = new Map([...base.expression, ...toMap(expression)]);
  const tableNames = new Map([...base.table, ...toMap(table)]);
  for (const name of removed.split(/\s+/u)) {
    expressionNames.delete(name);
    tableNames.delete(name);
  }
  return { reviewedAgainst, expression: expressionNames, table: tableNames };
}
