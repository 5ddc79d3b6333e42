/** Small, deliberately conservative text helpers for wrapping a statement before it is sent. */

const leadingNoise = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/;

/** The statement without trailing whitespace and semicolons, so it can be embedded in another statement. */
export function withoutTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

/**
 * True when the statement starts (after comments and opening parentheses) with a keyword that
 * produces rows (SELECT, WITH, VALUES, TABLE), i.e. it may be placed inside a cursor. Anything
 * else is sent unchanged so that the engine itself judges it (and refuses writes).
 */
export function isRowQuery(sql: string): boolean {
  const rest = sql.replace(leadingNoise, '');
  return /^(select|with|values|table)\b/i.test(rest);
}
