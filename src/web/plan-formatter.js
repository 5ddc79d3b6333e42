// How the page words a federated answer: the sources it read, each part's progress and figures, the
// combine step, and the SQL heading that names no single source. No DOM access and no imports here, so
// vitest runs it in Node as the page loads it (test/web/page-plan-formatter.test.ts).

/** The 700 px the page's other wide-screen choices use: a plan starts open at or above it. */
export const wideScreenQuery = '(min-width: 700px)';

/** How each source kind reads for people; a kind missing here is shown as it is spelled. */
const kindNames = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  redshift: 'Amazon Redshift',
  mysql: 'MySQL',
  'aurora-mysql': 'Aurora MySQL',
  athena: 'Amazon Athena',
  snowflake: 'Snowflake',
  rest: 'REST API',
  sqlite: 'SQLite',
  trino: 'Trino',
};

/** A count or a short figure with the reader's digit grouping and at most one decimal: 1,204 · 1.5. */
const figure = (value, locale) => value.toLocaleString(locale, { maximumFractionDigits: 1 });
const plural = (count, word, locale) => `${figure(count, locale)} ${word}${count === 1 ? '' : 's'}`;

/** "duckdb" → "DuckDB"; an unknown kind as it is. */
export function sourceKindName(kind) {
  return Object.hasOwn(kindNames, kind) ? kindNames[kind] : kind;
}

/** "hr (DuckDB)" when the page knows the source's kind, else "hr". kinds: Map of source name → kind. */
export function sourceText(source, kinds) {
  const kind = kinds?.get(source);
  return kind ? `${source} (${sourceKindName(kind)})` : source;
}

/** ["legal", "hr"] → "legal + hr". */
export function sourcesText(sources) {
  return sources.join(' + ');
}

/** Whether a response's or route event's `source` names several sources (a federated answer joins them with `+`). */
export function namesSeveralSources(source) {
  return typeof source === 'string' && source.includes('+');
}

/** The route line: "sales: users, sales", or "legal + hr: legal.claims, hr.employees" for a federated answer. */
export function routeText({ source, tables }) {
  const sources = namesSeveralSources(source) ? sourcesText(source.split('+')) : source;
  return `${sources}: ${tables.join(', ')}`;
}

/** "hr.employees": a part's table as the combine query names it (a table already qualified stays as it is). */
export function qualifiedTable(source, table) {
  return table.startsWith(`${source}.`) ? table : `${source}.${table}`;
}

/** 0.4 → "0.4 ms", 35.2 → "35 ms", 1520 → "1.5 s", 125000 → "2 min 5 s". */
export function formatDuration(milliseconds, locale) {
  if (milliseconds < 10) return `${figure(Math.round(milliseconds * 10) / 10, locale)} ms`;
  if (milliseconds < 1000) return `${figure(Math.round(milliseconds), locale)} ms`;
  if (milliseconds < 60_000) return `${figure(Math.round(milliseconds / 100) / 10, locale)} s`;
  const seconds = Math.round(milliseconds / 1000);
  return `${figure(Math.floor(seconds / 60), locale)} min ${seconds % 60} s`;
}

/** 512 → "512 B", 48_213 → "48 kB", 3_400_000 → "3.4 MB" (powers of 1000: a part's size is approximate anyway). */
export function formatBytes(bytes, locale) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${figure(rounded, locale)} ${units[unit]}`;
}

/** Whether a part has run: a dry run's plan lists parts without rows and times. */
function ran(part) {
  return typeof part.rows === 'number' && typeof part.milliseconds === 'number';
}

/** "hr.employees: 1,204 rows in 35 ms", the line a part shows as soon as it has run. */
export function partProgress(part, locale) {
  const table = qualifiedTable(part.source, part.table);
  return ran(part) ? `${table}: ${plural(part.rows, 'row', locale)} in ${formatDuration(part.milliseconds, locale)}` : `${table}: not run (dry run)`;
}

/** "1,204 rows · 48 kB · 35 ms" for a finished plan's part; "not run (dry run)" for a dry run's. */
export function partFigures(part, locale) {
  if (!ran(part)) return 'not run (dry run)';
  const size = typeof part.bytes === 'number' ? ` · ${formatBytes(part.bytes, locale)}` : '';
  return `${plural(part.rows, 'row', locale)}${size} · ${formatDuration(part.milliseconds, locale)}`;
}

/**
 * The Trino source that ran a plan whole: one of the plan's sources whose kind is `trino`, else the
 * response's source when it names one source; undefined when the page cannot tell.
 */
export function trinoSourceName(plan, responseSource, kinds) {
  const byKind = plan.sources.filter((source) => kinds?.get(source) === 'trino');
  if (byKind.length === 1) return byKind[0];
  return typeof responseSource === 'string' && responseSource !== '' && !namesSeveralSources(responseSource) ? responseSource : undefined;
}

/** The sources a Trino plan federated, without the Trino source itself. */
function federatedBy(plan, trino) {
  return plan.sources.filter((source) => source !== trino);
}

/** "Run whole by Trino source warehouse over legal + hr": what replaces the parts when Trino ran the query. */
export function trinoText(plan, responseSource, kinds) {
  const trino = trinoSourceName(plan, responseSource, kinds);
  const others = federatedBy(plan, trino);
  const over = others.length > 0 ? ` over ${sourcesText(others)}` : '';
  return trino ? `Run whole by Trino source ${trino}${over}: no part was extracted, so no rows moved through Switchyard.` : `Run whole by a Trino source${over}: no part was extracted, so no rows moved through Switchyard.`;
}

/** The SQL section's heading: "SQL", "HTTP request", "SQL: DuckDB over legal + hr" or "SQL: run by Trino source warehouse". */
export function queryHeading(response, kinds) {
  if (response.requestLanguage === 'http-get') return 'HTTP request';
  const plan = response.plan;
  if (!plan) return 'SQL';
  if (plan.engine === 'trino') {
    const trino = trinoSourceName(plan, response.source, kinds);
    return trino ? `SQL: run by Trino source ${trino}` : `SQL: run by Trino over ${sourcesText(plan.sources)}`;
  }
  return `SQL: DuckDB over ${sourcesText(plan.sources)}`;
}

/** The plan's one-line summary, shown folded or open. */
export function planSummary(plan, responseSource, kinds, locale) {
  if (plan.engine === 'trino') {
    const trino = trinoSourceName(plan, responseSource, kinds);
    return trino ? `Plan: run whole by Trino source ${trino}` : `Plan: run whole by Trino over ${sourcesText(plan.sources)}`;
  }
  const parts = `${plural(plan.parts.length, 'part', locale)} from ${sourcesText(plan.sources)}`;
  if (!plan.parts.every(ran)) return `Plan: ${parts}, combined in DuckDB (dry run: nothing ran)`;
  const moved = plan.parts.reduce((sum, part) => sum + part.rows, 0);
  const combine = typeof plan.combineMilliseconds === 'number' ? ` in ${formatDuration(plan.combineMilliseconds, locale)}` : '';
  return `Plan: ${parts}, ${plural(moved, 'row', locale)} moved, combined in DuckDB${combine}`;
}

/** The plan's summary while its parts are still arriving. */
export function planProgress(partsRead, locale) {
  return `Plan: reading the sources, ${plural(partsRead, 'part', locale)} read so far`;
}

/** What the combine step did, under the parts. */
export function combineText(plan, locale) {
  const time = typeof plan.combineMilliseconds === 'number' ? ` in ${formatDuration(plan.combineMilliseconds, locale)}` : '';
  return `Combine step: DuckDB${time}. The parts were loaded into an embedded DuckDB, one schema per source, and the query in the SQL box above ran over them.`;
}

/** A part's pushed filters in words, or what having none means. */
export function filtersText(pushedFilters) {
  return pushedFilters.length === 0 ? 'No filter pushed down: every row of these columns was read.' : 'Filters pushed down to the source:';
}

const isStringArray = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');
const isOptionalNumber = (value) => value === undefined || typeof value === 'number';

/**
 * The plan of a kept turn when it has the shape the page draws, else undefined: a thread kept by an
 * older page, or damaged in storage, then shows its answer without a plan instead of breaking.
 */
export function keptPlan(value) {
  if (typeof value !== 'object' || value === null) return undefined;
  if ((value.engine !== 'duckdb' && value.engine !== 'trino') || !isStringArray(value.sources) || typeof value.combineSql !== 'string' || !Array.isArray(value.parts)) return undefined;
  if (!isOptionalNumber(value.combineMilliseconds)) return undefined;
  const partsDrawable = value.parts.every(
    (part) =>
      typeof part === 'object' && part !== null && Number.isInteger(part.index) && typeof part.source === 'string' && typeof part.table === 'string' &&
      typeof part.sql === 'string' && isStringArray(part.pushedFilters) && isOptionalNumber(part.rows) && isOptionalNumber(part.bytes) && isOptionalNumber(part.milliseconds),
  );
  return partsDrawable ? value : undefined;
}
