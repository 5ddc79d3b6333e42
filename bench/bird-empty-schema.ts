import fs from 'node:fs';
import { quoteWithBackticks, quoteWithDoubleQuotes } from '../src/dialects/quote-identifier.js';

/** The engines the recorded replies were written for. */
export type ReplyDialect = 'sqlite' | 'mysql' | 'postgres';

/** One BIRD database as dev_tables.json describes it. */
export interface BirdDatabase {
  /** BIRD's database id. */
  readonly id: string;
  /** Table names as BIRD spells them. */
  readonly tables: string[];
  /** The CREATE TABLE statements of an empty copy, per engine. */
  readonly ddl: Record<ReplyDialect, string[]>;
}

interface TablesEntry {
  db_id: string;
  table_names_original: string[];
  column_names_original: [number, string][];
  column_types: string[];
  primary_keys: (number | number[])[];
}

// BIRD's own types are SQLite's; the closest of each engine, so the engine binds what the reply compares.
const types: Record<ReplyDialect, Record<string, string>> = {
  sqlite: { text: 'TEXT', integer: 'INTEGER', real: 'REAL', date: 'DATE', datetime: 'DATETIME' },
  mysql: { text: 'TEXT', integer: 'BIGINT', real: 'DOUBLE', date: 'DATE', datetime: 'DATETIME' },
  postgres: { text: 'TEXT', integer: 'BIGINT', real: 'DOUBLE PRECISION', date: 'DATE', datetime: 'TIMESTAMP' },
};

// BIRD's PostgreSQL copy folds plain names to lower case (its gold SQL writes CustomerID unquoted) and
// keeps names with spaces or symbols as written ("Enrollment (K-12)").
function postgresName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name.toLowerCase() : name;
}

const naming: Record<ReplyDialect, (name: string) => string> = {
  sqlite: (name) => quoteWithDoubleQuotes(name),
  mysql: (name) => quoteWithBackticks(name),
  postgres: (name) => quoteWithDoubleQuotes(postgresName(name)),
};

// PostgreSQL lets a query select columns a GROUP BY of the primary key determines, so it needs the keys.
function postgresPrimaryKey(entry: TablesEntry, tableIndex: number): string {
  const key = entry.primary_keys
    .map((columns) => (Array.isArray(columns) ? columns : [columns]))
    .find((columns) => columns.every((column) => entry.column_names_original[column]?.[0] === tableIndex));
  if (key === undefined) return '';
  const names = [...new Set(key.map((column) => naming.postgres(entry.column_names_original[column]?.[1] as string)))];
  return `, PRIMARY KEY (${names.join(', ')})`;
}

function tableDdl(entry: TablesEntry, tableIndex: number, dialect: ReplyDialect): string {
  const columns = entry.column_names_original
    .map(([table, column], index) => ({ table, column, type: entry.column_types[index] ?? 'text' }))
    .filter((column) => column.table === tableIndex);
  const seen = new Set<string>();
  const definitions: string[] = [];
  for (const column of columns) {
    // MySQL and PostgreSQL refuse two columns whose names differ only in case; the first one stands.
    const key = column.column.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    definitions.push(`${naming[dialect](column.column)} ${types[dialect][column.type] ?? 'TEXT'}`);
  }
  const key = dialect === 'postgres' ? postgresPrimaryKey(entry, tableIndex) : '';
  return `CREATE TABLE ${naming[dialect](entry.table_names_original[tableIndex] as string)} (${definitions.join(', ')}${key})`;
}

/** Reads dev_tables.json into empty-schema definitions per database. */
export function loadBirdDatabases(file: string): Map<string, BirdDatabase> {
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as TablesEntry[];
  const databases = new Map<string, BirdDatabase>();
  for (const entry of entries) {
    const indexes = entry.table_names_original.map((_name, index) => index);
    const ddl = {
      sqlite: indexes.map((index) => tableDdl(entry, index, 'sqlite')),
      mysql: indexes.map((index) => tableDdl(entry, index, 'mysql')),
      postgres: indexes.map((index) => tableDdl(entry, index, 'postgres')),
    };
    databases.set(entry.db_id, { id: entry.db_id, tables: entry.table_names_original, ddl });
  }
  return databases;
}
