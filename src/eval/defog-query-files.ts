import { parseSync } from 'libpg-query';

/** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV rows as records keyed by the header row; blank lines are dropped. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.filter((row) => row.length > 1).map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/**
 * defog gold SQL lists acceptable column sets as `{a.x, a.y}` with `{}` repeating the choice, and may
 * hold several acceptable queries separated by `;`. This takes the first option and the first query,
 * as the guard benchmark does (test/guard/gold-query-loader.ts). Needs libpg-query's loadModule().
 */
export function expandDefogQuery(query: string): string {
  // One pass, left to right: `{}` repeats the choice made just before it, not the file's last one.
  let chosen = '';
  const expanded = query.replace(/\{([^{}]*)\}/gu, (_match, options: string) => {
    if (options.trim() !== '') chosen = (options.split(',')[0] ?? '').trim();
    return chosen;
  });
  const statements = parseSync(expanded).stmts ?? [];
  const first = statements[0];
  if (first === undefined || statements.length === 1) return expanded.trim().replace(/;\s*$/, '');
  const bytes = Buffer.from(expanded, 'utf8');
  return bytes.subarray(first.stmt_location ?? 0, (first.stmt_location ?? 0) + (first.stmt_len ?? 0)).toString('utf8').trim();
}
