import { describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';

/*
 * Redshift reads `\'` inside a string as an escaped quote; the PostgreSQL grammar the guard parses
 * Redshift with (standard strings) ends the string there. The guard must refuse the text rather than
 * judge a different statement than the one Redshift would run.
 */
const guard = await SqlGuard.create();
const check = (sql: string, dialect: 'redshift' | 'postgres') => guard.check({ sql, dialect, allowedTables: ['sales', 'users'], rowLimit: 10 });

describe('Redshift backslash escapes', () => {
  it('refuses a backslash before a quote, which would end the string elsewhere on Redshift', async () => {
    const hidden = await check("SELECT '\\'' ; DELETE FROM sales; --' AS note FROM sales", 'redshift');
    expect(hidden).toMatchObject({ allowed: false, rule: 'ambiguous-quoting' });
    const apostrophe = await check("SELECT qtysold FROM sales WHERE note = 'O\\'Brien'", 'redshift');
    expect(apostrophe).toMatchObject({ allowed: false, rule: 'ambiguous-quoting' });
  });

  it('still accepts doubled quotes and plain backslashes', async () => {
    expect(await check("SELECT qtysold FROM sales WHERE note = 'O''Brien'", 'redshift')).toMatchObject({ allowed: true });
    expect(await check("SELECT qtysold FROM sales WHERE note LIKE 'a\\\\b'", 'redshift')).toMatchObject({ allowed: true });
  });

  it('leaves PostgreSQL, whose engine reads strings as its grammar does, unchanged', async () => {
    expect(await check("SELECT qtysold FROM sales WHERE note = 'C:\\'", 'postgres')).toMatchObject({ allowed: true });
  });

  it('refuses FETCH … WITH TIES, which Redshift does not have', async () => {
    const verdict = await check('SELECT qtysold FROM sales ORDER BY qtysold FETCH FIRST 3 ROWS WITH TIES', 'redshift');
    expect(verdict.allowed).toBe(false);
  });
});
