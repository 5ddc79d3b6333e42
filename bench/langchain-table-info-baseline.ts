import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { SqlDatabase } from '@langchain/classic/sql_db';
import type { SpiderSchema } from './benchmark-schema-loader.js';
import type { TokenCounter } from '../src/llm/tokens/token-counter.js';

/** Token count of LangChain's SqlDatabase.getTableInfo for a pooled catalog. */
export interface LangChainBaseline {
  /** Tokens of getTableInfo over every table of every database (all tables, 3 sample rows). */
  readonly pooledTokens: number;
  /** Databases measured with the real library over their SQLite files. */
  readonly measuredDatabases: number;
  /** Databases whose SQLite file is absent, rendered by the labelled reimplementation (no rows: a lower bound). */
  readonly approximatedDatabases: number;
  /** How the figure was produced. */
  readonly method: string;
}

/** The real library: typeorm's sql.js driver over the SQLite file, 3 sample rows, every table. */
async function realTableInfo(file: string): Promise<string> {
  const dataSource = new DataSource({ type: 'sqljs', database: new Uint8Array(fs.readFileSync(file)) });
  try {
    const database = await SqlDatabase.fromDataSourceParams({ appDataSource: dataSource, sampleRowsInTableInfo: 3 });
    return await database.getTableInfo();
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/**
 * LABELLED REIMPLEMENTATION (not LangChain): getTableInfo's documented rendering for sqlite
 * ("CREATE TABLE t (\ncol TYPE , …) \nSELECT * FROM "t" LIMIT 3;\n col col …") from tables.json, for
 * databases whose data files are not available. Without rows it undercounts, so the resulting
 * baseline is a lower bound and the reported ratio conservative.
 */
function reimplementedTableInfo(schema: SpiderSchema): string {
  return schema.table_names_original
    .map((table, tableIndex) => {
      const columns = schema.column_names_original.map((column, index) => ({ column, index })).filter(({ column }) => column[0] === tableIndex);
      const definitions = columns.map(({ column, index }) => `${column[1]} ${(schema.column_types[index] ?? 'text').toUpperCase()} `).join(', ');
      return `CREATE TABLE ${table} (\n${definitions}) \nSELECT * FROM "${table}" LIMIT 3;\n ${columns.map(({ column }) => column[1]).join(' ')}\n`;
    })
    .join('\n');
}

/** Pooled getTableInfo tokens: the real library where a SQLite file exists, the labelled reimplementation elsewhere. */
export async function langChainTableInfoTokens(schemas: SpiderSchema[], databaseDirectory: string | undefined, counter: TokenCounter): Promise<LangChainBaseline> {
  let pooledTokens = 0;
  let measured = 0;
  for (const schema of schemas) {
    const file = databaseDirectory === undefined ? undefined : path.join(databaseDirectory, schema.db_id, `${schema.db_id}.sqlite`);
    if (file !== undefined && fs.existsSync(file)) {
      try {
        pooledTokens += counter.count(await realTableInfo(file));
        measured += 1;
        continue;
      } catch {
        // Fall through to the reimplementation for a file the driver cannot open.
      }
    }
    pooledTokens += counter.count(reimplementedTableInfo(schema));
  }
  const approximated = schemas.length - measured;
  return {
    pooledTokens,
    measuredDatabases: measured,
    approximatedDatabases: approximated,
    method: `@langchain/classic SqlDatabase.getTableInfo (typeorm + sql.js, 3 rows) on ${measured} databases with SQLite files; labelled reimplementation without rows (lower bound) on ${approximated} without`,
  };
}
