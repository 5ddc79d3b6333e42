import type { Connector } from '../connectors/connector.js';
import { getDialect, requireSqlDialect } from '../dialects/dialect-registry.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import type { SourceHandle } from '../sources/source-handle.js';
import type { CatalogSource } from './catalog-types.js';
import type { KeyColumn } from './relationship-name-match.js';
import { quoteTableName } from '../dialects/quote-table-name.js';

/** A source whose columns may be probed: its connector, dialect and statement timeout. */
export interface ProbedSource {
  /** The source's connector. */
  readonly connector: Connector;
  /** Its dialect, for quoting names. */
  readonly dialect: SqlDialect;
  /** Statement timeout in milliseconds. */
  readonly timeoutMs: number;
}

/** What the sampled values of one column show about another. */
export interface ContainmentResult {
  /** Distinct sampled values. */
  readonly sampled: number;
  /** How many of them the other column holds. */
  readonly found: number;
  /** True when each value found occurs in exactly one row of the other column (it behaves as a key there). */
  readonly uniqueThere: boolean;
}

/** Distinct values read per column at most; they are written into the other source's SQL as literals. */
export const maxSampledValues = 100;
const maxLiteralLength = 200;

/**
 * Reads what relationship suggestion needs from the sources, never more than two bounded statements
 * per candidate direction: the smallest distinct values of one column (cached), then how many of them
 * the other column holds and in how many rows. Values that cannot be written safely as a literal in
 * every dialect (backslashes, control characters, very long text) are left out of the sample.
 */
export class RelationshipValueProbe {
  readonly #sources: ReadonlyMap<string, ProbedSource>;
  readonly #samples = new Map<string, Promise<string[]>>();

  /** `sources` holds only sources that may be read: healthy, SQL-speaking, not billed by bytes scanned. */
  constructor(sources: ReadonlyMap<string, ProbedSource>) {
    this.#sources = sources;
  }

  /**
   * A probe over the handles whose sources loaded: SQL sources only (a REST source answers planned
   * requests, not probes), and none billed by the bytes it scans, where each probe would cost money.
   */
  static forSources(handles: readonly SourceHandle[], sources: readonly CatalogSource[]): RelationshipValueProbe {
    const healthy = new Set(sources.filter((source) => source.status.healthy).map((source) => source.name));
    const probed = handles
      .filter((handle) => healthy.has(handle.name) && handle.requestLanguage === 'sql' && !handle.connector.capabilities.bytesScanned)
      .map((handle) => [handle.name, { connector: handle.connector, dialect: getDialect(requireSqlDialect(handle.dialect)), timeoutMs: handle.timeoutMs }] as const);
    return new RelationshipValueProbe(new Map(probed));
  }

  /** True when the column's source may be probed. */
  canProbe(column: KeyColumn): boolean {
    return this.#sources.has(column.source);
  }

  /** How many of `from`'s sampled values `to` holds, and whether they are unique there. */
  async containment(from: KeyColumn, to: KeyColumn): Promise<ContainmentResult> {
    const literals = await this.#sample(from);
    if (literals.length === 0) return { sampled: 0, found: 0, uniqueThere: false };
    const { connector, dialect, timeoutMs } = this.#source(to);
    const column = dialect.quoteIdentifier(to.column);
    const sql = `SELECT COUNT(DISTINCT ${column}), COUNT(*) FROM ${quoteTableName(dialect, to.table)} WHERE ${column} IN (${literals.join(', ')})`;
    const [distinct, rows] = ((await connector.execute(sql, { maxRows: 1, timeoutMs })).rows[0] ?? []).map(Number);
    const found = Number.isFinite(distinct) ? distinct! : 0;
    return { sampled: literals.length, found, uniqueThere: found > 0 && rows === found };
  }

  #source(column: KeyColumn): ProbedSource {
    const source = this.#sources.get(column.source);
    if (source === undefined) throw new Error(`source "${column.source}" is not probed`);
    return source;
  }

  /** The column's smallest distinct values as SQL literals; read once per column. */
  #sample(column: KeyColumn): Promise<string[]> {
    const id = `${column.source}\u0000${column.table}\u0000${column.column}`;
    let sample = this.#samples.get(id);
    if (sample === undefined) {
      sample = this.#readSample(column);
      this.#samples.set(id, sample);
    }
    return sample;
  }

  async #readSample(column: KeyColumn): Promise<string[]> {
    const { connector, dialect, timeoutMs } = this.#source(column);
    const quoted = dialect.quoteIdentifier(column.column);
    // Ordered, so the same data always gives the same sample and the same suggestions.
    const sql = `SELECT DISTINCT ${quoted} FROM ${quoteTableName(dialect, column.table)} WHERE ${quoted} IS NOT NULL ORDER BY 1 LIMIT ${maxSampledValues}`;
    const result = await connector.execute(sql, { maxRows: maxSampledValues, timeoutMs });
    return result.rows.flatMap((row) => {
      const literal = literalOf(row[0], column.typeClass);
      return literal === undefined ? [] : [literal];
    });
  }
}

/** A value as a literal every dialect reads alike, or undefined when it cannot be written safely. */
function literalOf(value: unknown, typeClass: KeyColumn['typeClass']): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
  if (text === undefined) return undefined;
  if (typeClass === 'integer') return /^-?\d{1,38}$/.test(text) ? text : undefined;
  if (text.length > maxLiteralLength || /[\\\u0000-\u001f]/.test(text)) return undefined;
  return quoteStringLiteral(text);
}
