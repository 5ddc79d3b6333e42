import nodeSqlParser from 'node-sql-parser';
import { loadModule } from 'libpg-query';
import { loadGoldQueries } from './test/guard/gold-query-loader.js';
await loadModule();
const parser = new nodeSqlParser.Parser();
const qs = loadGoldQueries('../shared/bench').filter(q => q.dialect === 'sqlite');
const ok = (s: string, db: string) => { try { parser.astify(s, { database: db }); return true; } catch { return false; } };
let both = 0;
for (const q of qs) if (!ok(q.sql, 'Sqlite') && !ok(q.sql, 'PostgresQL')) { both++; console.log(q.sql.slice(0, 200)); }
console.log('both fail', both);
console.log('hash/dollar/backslash/blockcomment in sqlite gold:', qs.filter(q => /[#$\\]|\/\*/.test(q.sql)).map(q => q.sql.slice(0, 100)));
for (const s of [`SELECT '\\' UNION SELECT 1 --'`, `SELECT 1 /* /* */ UNION SELECT 2 /* */`]) for (const db of ['PostgresQL','Sqlite']) { try { console.log(db, s, JSON.stringify(parser.astify(s, { database: db })).slice(0, 300)); } catch (e) { console.log(db, s, 'ERR'); } }
