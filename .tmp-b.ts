import { SqlGuard } from './src/guard/sql-guard.js';
import { loadGoldQueries } from './test/guard/gold-query-loader.js';
const guard = await SqlGuard.create();
for (const q of loadGoldQueries('../shared/bench')) {
  const v = guard.check({ ...q, rowLimit: 1000 });
  if (!v.allowed && !/\b(intersect|except)\b/i.test(q.sql)) console.log(q.set, q.id, v.rule, v.reason.slice(-160), '\n   ', q.sql.slice(0, 300));
}
