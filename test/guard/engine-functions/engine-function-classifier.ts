import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSqlDialectProfile } from '../../../src/dialects/dialect-registry.js';
import type { SqlDialectProfile } from '../../../src/dialects/sql-dialect-profile.js';
import { neverAllowedRule } from '../../../src/guard/function-policy.js';
import { sqlSyntaxForms } from '../../../src/guard/sql-syntax-forms.js';
import type { EngineFunction, ListedEngine } from './engine-function-reader.js';

/** How the guard treats one engine function. */
export type FunctionClass = 'allowed' | 'never-allowed' | 'engine-internal' | 'reviewed-unlisted';

/** The guard dialect each listed engine runs. */
export const engineDialects: Record<ListedEngine, SqlDialectProfile> = {
  duckdb: getSqlDialectProfile('duckdb'),
  postgres: getSqlDialectProfile('postgres'),
  mariadb: getSqlDialectProfile('mysql'),
  sqlite: getSqlDialectProfile('sqlite'),
};

const folder = path.dirname(fileURLToPath(import.meta.url));

/** The file of names reviewed and deliberately left off an engine's allow-list. */
export function unlistedFile(engine: ListedEngine): string {
  return path.join(folder, `${engine}-unlisted-functions.txt`);
}

/** Names of the reviewed-unlisted file (comments and blank lines skipped). */
export function readUnlisted(engine: ListedEngine): Set<string> {
  const file = unlistedFile(engine);
  if (!fs.existsSync(file)) return new Set();
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((line) => line.trim());
  return new Set(lines.filter((line) => line !== '' && !line.startsWith('#')));
}

/** Classifies a function by the guard's lists first, then the engine's own marks, then the reviewed file. */
export function classify(engine: ListedEngine, engineFunction: EngineFunction, unlisted: ReadonlySet<string>): FunctionClass | undefined {
  const dialect = engineDialects[engine];
  const list = dialect.functionAllowList;
  const { name } = engineFunction;
  if (list.expression.has(name) || list.table.has(name) || sqlSyntaxForms.has(name)) return 'allowed';
  if (neverAllowedRule(dialect, name) !== undefined) return 'never-allowed';
  if (engineFunction.internal) return 'engine-internal';
  if (unlisted.has(name)) return 'reviewed-unlisted';
  return undefined;
}
