/*
 * SQLite accepts `[name]` identifiers (for SQL Server compatibility) and models write them for names
 * with spaces or symbols (`[Percent (%) Eligible FRPM (Ages 5-17)]`); node-sql-parser's SQLite grammar
 * does not. They are rewritten to the standard `"name"` form, and the rewritten text is both what the
 * guard analyses and what runs: the guard never judges one text while the engine runs another, so a
 * scan that misplaced a bracket could change what the query means but not let anything unchecked run.
 *
 * SQLite ends a bracket identifier at the first `]` (there is no escape inside it) and does not look
 * for brackets inside strings, quoted identifiers or comments, which are therefore copied unchanged.
 */

/** Index just past the quoted token opening at `start` (the quote is doubled to escape it), or the end of the text. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] !== quote) return index + 1;
      index += 2;
    } else index += 1;
  }
  return sql.length;
}

/** Index just past the comment opening at `start`, or `start` when none opens there. */
function commentEnd(sql: string, start: number): number {
  if (sql.startsWith('--', start)) {
    const newline = sql.indexOf('\n', start);
    return newline === -1 ? sql.length : newline + 1;
  }
  if (sql.startsWith('/*', start)) {
    const close = sql.indexOf('*/', start + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return start;
}

/** The SQL with every `[name]` identifier written as `"name"`; unchanged when it has none. */
export function rewriteSqliteBracketIdentifiers(sql: string): string {
  if (!sql.includes('[')) return sql;
  let output = '';
  let index = 0;
  while (index < sql.length) {
    const character = sql[index] as string;
    const afterComment = commentEnd(sql, index);
    if (afterComment > index) {
      output += sql.slice(index, afterComment);
      index = afterComment;
    } else if (character === "'" || character === '"' || character === '`') {
      const end = quotedEnd(sql, index, character);
      output += sql.slice(index, end);
      index = end;
    } else if (character === '[') {
      const close = sql.indexOf(']', index + 1);
      // An unclosed bracket is left for the parser to refuse.
      if (close === -1) return output + sql.slice(index);
      output += `"${sql.slice(index + 1, close).replaceAll('"', '""')}"`;
      index = close + 1;
    } else {
      output += character;
      index += 1;
    }
  }
  return output;
}
