import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSqlDialectProfile } from '../../src/dialects/dialect-registry.js';
import { neverAllowedRule } from '../../src/guard/function-policy.js';
import { sqlSyntaxForms } from '../../src/guard/sql-syntax-forms.js';
import { classify, engineDialects, readUnlisted } from './engine-functions/engine-function-classifier.js';
import { engineFunctionReaders, type EngineFunction, type ListedEngine } from './engine-functions/engine-function-reader.js';
import { probeService } from '../helpers/services.js';

/*
 * Every function each engine we run knows is on exactly one list: allowed (with a category), never
 * allowed (a denial group), engine plumbing (by the engine's own marks), or reviewed and left off. An
 * engine upgrade that adds a function fails here until someone decides where it goes.
 */

const postgres = await probeService('postgres');
const mariadb = await probeService('mariadb');
if (!postgres.available) console.log(`[skip] PostgreSQL function list: ${postgres.reason}`);
if (!mariadb.available) console.log(`[skip] MariaDB function list: ${mariadb.reason}`);

const engines: { engine: ListedEngine; available: boolean }[] = [
  { engine: 'duckdb', available: true },
  { engine: 'sqlite', available: true },
  { engine: 'postgres', available: postgres.available },
  { engine: 'mariadb', available: mariadb.available },
];

describe.each(engines)('$engine: every function the engine knows is classified', ({ engine, available }) => {
  let functions: EngineFunction[] = [];

  beforeAll(async () => {
    if (available) functions = await engineFunctionReaders[engine]();
  });

  it.skipIf(!available)('has no unclassified function', () => {
    const unlisted = readUnlisted(engine);
    const unclassified = functions.filter((item) => classify(engine, item, unlisted) === undefined).map((item) => item.name);
    expect(functions.length).toBeGreaterThan(100);
    expect(unclassified, `classify these (npm run guard:functions -- ${engine} after review)`).toEqual([]);
  });

  // MariaDB's SQL_FUNCTIONS omits functions its grammar parses as keywords (YEAR, IF, LEFT, COUNT, …).
  it.skipIf(!available || engine === 'mariadb')('allows only names the engine has (no typos, no ghosts)', () => {
    const known = new Set(functions.map((item) => item.name));
    const list = engineDialects[engine].functionAllowList;
    const names = [...list.expression.keys(), ...list.table.keys()];
    // Names the grammar turns into other nodes (COALESCE, NULLIF, GREATEST, …) or that are SQL syntax.
    const grammarForms = new Set(['coalesce', 'nullif', 'greatest', 'least', 'ifnull', 'exists', 'columns', 'date',
      'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'cast', 'extract', 'normalize',
      'is_normalized', 'overlay', 'position', 'substring', 'trim', 'timezone', 'xmlagg', 'if', 'iif', 'unlikely',
      'likely', 'likelihood', 'glob', 'like', 'soundex', 'string_agg', 'group_concat', 'total', 'sign', 'round',
      'unistr', 'unistr_quote', 'unixepoch', 'timediff', 'octet_length', 'concat', 'concat_ws', 'format',
      'percent_rank', 'cume_dist', 'ntile', 'nth_value', 'first_value', 'last_value', 'lag', 'lead', 'rank',
      'dense_rank', 'row_number', 'json_group_array', 'json_group_object']);
    const ghosts = names.filter((name) => !known.has(name) && !grammarForms.has(name) && !sqlSyntaxForms.has(name));
    expect(ghosts).toEqual([]);
  });

  it('never allows a name it also denies or leaves off', () => {
    const dialect = engineDialects[engine];
    const list = dialect.functionAllowList;
    const unlisted = readUnlisted(engine);
    const both = [...list.expression.keys(), ...list.table.keys()].filter(
      (name) => unlisted.has(name) || neverAllowedRule(dialect, name) !== undefined,
    );
    expect(both).toEqual([]);
  });
});

describe.skipIf(!postgres.available)('PostgreSQL: allowed functions never take a relation, function or role by name', () => {
  const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('no overload of an allowed function takes a reg* or oid argument', async () => {
    const list = getSqlDialectProfile('postgres').functionAllowList;
    const names = [...new Set([...list.expression.keys(), ...list.table.keys()])];
    const { rows } = await client.query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'pg_catalog' AND p.proname = ANY ($1)
         AND EXISTS (SELECT 1 FROM unnest(p.proargtypes::regtype[]) AS t(type)
                     WHERE t.type::text IN ('regclass', 'regproc', 'regprocedure', 'regnamespace', 'regrole', 'regtype', 'oid', 'regconfig', 'regdictionary'))`,
      [names],
    );
    // Text-search functions take a configuration (which names no relation or function), and MIN/MAX(oid)
    // compare oid values without looking anything up.
    const harmless = /^(to_tsvector|to_tsquery|plainto_tsquery|phraseto_tsquery|websearch_to_tsquery|ts_headline)\(|^(min|max)\(oid\)$/u;
    expect(rows.map((row) => row.signature).filter((signature) => !harmless.test(signature))).toEqual([]);
  });
});
