import type { SqlDialectName } from '../../../src/dialects/sql-dialect.js';
import type { GuardRule } from '../../../src/guard/sql-guard.js';

/** Attack classes of the design anchors (§3c): 1 DDL/DML, 2 side-effect reads, 3 filter evasion,
 * 4 indirect injection, 5 authorization, 6 code-exec sinks, 7 cost, 8 answer-layer leakage. */
export type AttackClass = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** One SQL an attacker would try to get executed; every case must be blocked. */
export interface AttackCase {
  /** Unique id, `<class>-<dialect>-<name>`. */
  id: string;
  /** Attack class (anchors §3c). */
  class: AttackClass;
  /** Dialect the SQL targets. */
  dialect: SqlDialectName;
  /** The SQL. */
  sql: string;
  /** Rule expected to fire; any rejection passes when absent. */
  expectedRule?: GuardRule;
}

/** Tables every attack and control may read (default schema). */
export const corpusTables = ['orders', 'customers', 'products', 'order_items'];

export const allDialects: readonly SqlDialectName[] = ['postgres', 'redshift', 'duckdb', 'mysql', 'snowflake', 'athena', 'trino', 'sqlite'];

/** The same attack written for several dialects. */
export function acrossDialects(
  attackClass: AttackClass,
  name: string,
  dialects: readonly SqlDialectName[],
  sql: string,
  expectedRule?: GuardRule,
): AttackCase[] {
  return dialects.map((dialect) => ({
    id: `${attackClass}-${dialect}-${name}`,
    class: attackClass,
    dialect,
    sql,
    ...(expectedRule === undefined ? {} : { expectedRule }),
  }));
}
