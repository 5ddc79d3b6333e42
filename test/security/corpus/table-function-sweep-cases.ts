import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDbPaths } from '../helpers/duckdb-demo-target.js';
import { securityCase, type SecurityCase } from '../helpers/security-case.js';

/** First-argument types through which a table function or macro may be handed a file or relation name. */
const nameLikeTypes = new Set(['VARCHAR', 'VARCHAR[]', 'TABLE', 'NULL', 'ANY']);

/** Extra positional arguments, by type: a column name for macros, plain literals otherwise. */
function filler(type: string, isMacro: boolean): string {
  if (isMacro) return 'note';
  if (type === 'VARCHAR') return "'note'";
  if (type === 'VARCHAR[]') return "['note']";
  if (/INT|DOUBLE|FLOAT|DECIMAL/.test(type)) return '1';
  if (type === 'BOOLEAN') return 'true';
  return "'note'";
}

/** The secret file in the format the function reads, so a read that gets through shows the marker. */
function secretFileFor(name: string, paths: DuckDbPaths): string {
  if (name.includes('parquet')) return paths.secretParquet;
  if (name.includes('json')) return paths.secretJson;
  if (name.includes('text') || name.includes('blob')) return paths.secretText;
  return paths.secretCsv;
}

/**
 * Every table function and table macro the engine itself knows (duckdb_functions(), this DuckDB
 * version) whose first argument can carry a name, called with a secret file's path: an engine
 * upgrade that adds one cannot slip past the suite. A marker from the file anywhere in the answer,
 * stream, download, prompts or log is a leak; an answer without one is harmless.
 */
export async function duckDbTableFunctionSweepCases(paths: DuckDbPaths): Promise<SecurityCase[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT function_name, function_type, parameters::VARCHAR[], parameter_types::VARCHAR[]
       FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro') ORDER BY function_name, len(parameters)`,
  );
  connection.closeSync();
  instance.closeSync();
  const cases = new Map<string, SecurityCase>();
  for (const [name, type, parameters, types] of reader.getRowsJson() as [string, string, string[], string[]][]) {
    const isMacro = type === 'table_macro';
    // Table functions list positional parameters as col0, col1, …; named ones follow and are left out.
    const positional = isMacro ? Math.min(parameters.length, 2) : parameters.filter((parameter) => /^col\d+$/.test(parameter)).length;
    // A macro's parameters are untyped: their types read as NULL.
    const firstType = types[0] ?? 'NULL';
    if (positional === 0 || !nameLikeTypes.has(firstType) || cases.has(name)) continue;
    const file = secretFileFor(name, paths);
    const path = firstType === 'VARCHAR[]' ? `['${file}']` : `'${file}'`;
    const rest = types.slice(1, positional).map((parameterType) => filler(parameterType, isMacro));
    const sql = `SELECT * FROM ${name}(${[path, ...rest].join(', ')})`;
    cases.set(name, securityCase(1, 'duckdb', `sweep-${name}`, 'sales', sql, { answerMayBeHarmless: true }));
  }
  return [...cases.values()];
}
