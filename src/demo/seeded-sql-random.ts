/**
 * Builds SQL expressions that behave like random numbers but are pure functions of (seed, salt, keys).
 * The demo data is generated inside DuckDB with these, so it is fast (vectorised, no row round trips)
 * and deterministic: DuckDB's `hash()` has no state, unlike `random()`, so the same seed always yields
 * the same values whatever the thread count or scan order.
 */
export class SeededSqlRandom {
  /** The seed mixed into every hash. */
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    this.seed = seed;
  }

  /** A uniform DOUBLE in [0, 1) keyed by SQL expressions `keys` and a per-use `salt`. */
  unit(salt: string, ...keys: string[]): string {
    // 53 high bits of the 64-bit hash fill a double's mantissa exactly.
    return `((hash(${[...keys, sqlString(salt), String(this.seed)].join(', ')}) >> 11)::DOUBLE / 9007199254740992.0)`;
  }

  /** A uniform BIGINT in [minimum, maximum] (both SQL expressions or numbers). */
  integer(salt: string, keys: string[], minimum: number | string, maximum: number | string): string {
    return `((${minimum}) + floor(${this.unit(salt, ...keys)} * ((${maximum}) - (${minimum}) + 1))::BIGINT)`;
  }

  /** A standard normal DOUBLE (Box–Muller over two independent uniforms). */
  normal(salt: string, ...keys: string[]): string {
    const first = this.unit(`${salt}:a`, ...keys);
    const second = this.unit(`${salt}:b`, ...keys);
    return `(sqrt(-2.0 * ln(1.0 - ${first})) * cos(2.0 * pi() * ${second}))`;
  }

  /** True with the given probability. */
  chance(salt: string, keys: string[], probability: number | string): string {
    return `(${this.unit(salt, ...keys)} < (${probability}))`;
  }

  /** One element of a literal string list, uniformly. */
  pick(values: readonly string[], salt: string, ...keys: string[]): string {
    if (values.length === 0) throw new RangeError('cannot pick from an empty list');
    return `(${sqlStringList(values)})[1 + floor(${this.unit(salt, ...keys)} * ${values.length})::INTEGER]`;
  }
}

/** A single-quoted SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DuckDB list literal of strings, e.g. `['a', 'b']`. */
export function sqlStringList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]`;
}

/** Repeats each value by its integer weight, so a uniform pick becomes a weighted pick. */
export function expandWeighted<T>(entries: readonly (readonly [T, number])[]): T[] {
  return entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}
