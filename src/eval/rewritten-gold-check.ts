import { createConnector } from '../connectors/connector-factory.js';
import type { Connector } from '../connectors/connector.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { evalMaxRows } from './execution-scorer.js';
import { testSuiteRule } from './official-scoring-rule.js';
import { hasTopLevelOrderBy, resultSetsMatch } from './result-set-comparison.js';

const timeoutMs = 30_000;

async function rowsOf(connector: Connector, sql: string): Promise<unknown[][] | string> {
  try {
    return (await connector.execute(sql, { maxRows: evalMaxRows, timeoutMs })).rows;
  } catch (error) {
    const message = SwitchyardError.isInstance(error) ? `${error.code}: ${error.message}` : String(error);
    // The engine's first line says what failed; the rest repeats the statement.
    return message.split('\n')[0]!;
  }
}

/**
 * Tells whether benchmark gold SQL rewritten for another engine still means what it meant: the
 * original runs on its SQLite database, the rewrite on an engine holding the same tables, and the rows
 * must match by the strict rule and by Spider's official rule (each side's DISTINCT-less text). The
 * rewrite must also give the same rows on a copy holding each table's rows in reverse order: rows that
 * depend on which of several tied rows comes first (ORDER BY … LIMIT 1 over a tie) are no fixed answer.
 * The SQLite databases are opened once each.
 */
export class RewrittenGoldCheck {
  readonly #originals = new Map<string, Connector>();
  readonly #rewritten: Connector;
  readonly #reversed: Connector;

  /** `rewritten` is the engine the rewritten gold runs on, `reversed` the same tables with their rows reversed; both are closed with the check. */
  constructor(rewritten: Connector, reversed: Connector) {
    this.#rewritten = rewritten;
    this.#reversed = reversed;
  }

  #original(file: string): Connector {
    let connector = this.#originals.get(file);
    if (connector === undefined) {
      connector = createConnector({ name: 'spider_split_original', kind: 'sqlite', description: file, connection: { database: file } });
      this.#originals.set(file, connector);
    }
    return connector;
  }

  /** Undefined when the rewrite gives the original's rows; otherwise why not. */
  async problem(sqliteFile: string, original: string, rewritten: string): Promise<string | undefined> {
    const connector = this.#original(sqliteFile);
    const gold = await rowsOf(connector, original);
    if (typeof gold === 'string') return `the original gold fails on SQLite: ${gold}`;
    const carried = await rowsOf(this.#rewritten, rewritten);
    if (typeof carried === 'string') return `the rewrite fails: ${carried}`;
    if (!resultSetsMatch(carried, gold, hasTopLevelOrderBy(original))) return `rows differ: ${carried.length} rewritten, ${gold.length} original`;
    const reordered = await rowsOf(this.#reversed, rewritten);
    if (typeof reordered === 'string' || !resultSetsMatch(reordered, carried, hasTopLevelOrderBy(original))) return 'its rows depend on the order of tied rows';
    const officialGold = await rowsOf(connector, testSuiteRule.goldText(original));
    const officialCarried = await rowsOf(this.#rewritten, testSuiteRule.goldText(rewritten));
    if (typeof officialGold === 'string' || typeof officialCarried === 'string') return 'the texts the official rule runs fail';
    const goldText = testSuiteRule.goldText(original);
    if (!testSuiteRule.matches(officialGold, officialCarried, { goldText, question: '', category: '' })) return 'rows differ by the official rule';
    return undefined;
  }

  /** Closes every connector. */
  async close(): Promise<void> {
    await Promise.all([...this.#originals.values(), this.#rewritten, this.#reversed].map((connector) => connector.close()));
  }
}
