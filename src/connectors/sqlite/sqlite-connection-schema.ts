import { Type, type Static } from 'typebox';

/**
 * A SQLite database file, read through sql.js: the whole file is loaded into memory when the source
 * opens (fine for benchmark databases and extracts, not for multi-gigabyte files).
 */
export const SqliteConnectionSchema = Type.Object(
  {
    database: Type.String({ minLength: 1, description: 'SQLite database file path; read whole into memory, never written.' }),
  },
  { additionalProperties: false },
);

/** Settings of a SQLite source, as read from the sources file. */
export type SqliteConnection = Static<typeof SqliteConnectionSchema>;
