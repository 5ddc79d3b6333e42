import { SqlGuard } from './src/guard/sql-guard.js';
import { allowedControls } from './test/guard/allowed-controls.js';
import nodeSqlParser from 'node-sql-parser';
const parser = new nodeSqlParser.Parser();
const guard = await SqlGuard.create();
for (const c of allowedControls) {
  const v = guard.check({ sql: c.sql, dialect: c.dialect, allowedTables: ['orders','customers','products','order_items'], rowLimit: 100 });
  if (!v.allowed) { console.log(c.id, v.rule, v.reason.slice(0, 200));
    if (c.dialect === 'athena') { try { parser.astify(c.sql, { database: 'Athena' }); console.log('  Athena grammar OK'); } catch { console.log('  Athena grammar fails'); } } }
}
let athenaFails = 0;
for (const c of allowedControls.filter(c => c.dialect === 'athena')) { try { parser.astify(c.sql, { database: 'Athena' }); } catch { athenaFails++; console.log('athena-grammar fail', c.id); } }
console.log('athena grammar fails', athenaFails);
