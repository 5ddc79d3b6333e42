// Scripted federated answers for the page tests, sent by FederatedStreamDouble (a test double): the
// demo's cross-source question (claims in `legal`, adjusters in `hr`) as the pipeline streams it, and a
// question Trino ran whole. The numbers are made up for the page to show; nothing here ran.
import type { QueryEvent } from '../../src/schemas/query-event-schema.js';
import type { FederatedPlanSummary, QueryResponse } from '../../src/schemas/query-schema.js';

type EventNamed<Name extends QueryEvent['event']> = Extract<QueryEvent, { event: Name }>;

/** The demo's cross-source example question. */
export const adjusterQuestion = 'Which five adjusters handled the most fraudulent claims in 2024, and when were they hired?';

/** The model's DuckDB query over source-qualified names: the SQL box shows it. */
export const combineSql = [
  'SELECT e.first_name, e.last_name, e.hire_date, COUNT(*) AS fraud_claims',
  'FROM legal.claims c',
  'JOIN hr.employees e ON e.emp_no = c.adjuster_emp_no',
  "WHERE c.fraud = 1 AND c.write_time >= TIMESTAMP '2024-01-01' AND c.write_time < TIMESTAMP '2025-01-01'",
  "  AND c.customer_state IN ('AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY')",
  'GROUP BY e.emp_no, e.first_name, e.last_name, e.hire_date',
  'ORDER BY fraud_claims DESC, e.last_name, e.first_name',
  'LIMIT 5',
].join('\n');

const stateFilter = combineSql.split('\n')[4]!.trim().replace(/^AND /, '');

/** A long SQL line with a long unbroken literal, so a phone has to wrap it rather than scroll. */
const claimsSql =
  "SELECT adjuster_emp_no, fraud, write_time, customer_state FROM claims WHERE fraud = 1 AND write_time >= TIMESTAMP '2024-01-01' AND write_time < TIMESTAMP '2025-01-01' AND customer_state IN ('AL','AK','AZ','AR','CA','CO','CT','DE','FL','GA','HI','ID','IL','IN','IA','KS','KY','LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ','NM','NY','NC','ND','OH','OK','OR','PA','RI','SC','SD','TN','TX','UT','VT','VA','WA','WV','WI','WY') LIMIT 200001";

/** Part 1: the claims, with every filter that touches only them pushed down. */
export const claimsPart: EventNamed<'part'> = {
  event: 'part',
  index: 1,
  source: 'legal',
  table: 'claims',
  sql: claimsSql,
  pushedFilters: ['c.fraud = 1', "c.write_time >= TIMESTAMP '2024-01-01'", "c.write_time < TIMESTAMP '2025-01-01'", stateFilter],
  rows: 1204,
  bytes: 48_213,
  milliseconds: 35.2,
};

/** Part 2: the employees; no filter touches them alone, so every row of the four columns is read. */
export const employeesPart: EventNamed<'part'> = {
  event: 'part',
  index: 2,
  source: 'hr',
  table: 'employees',
  sql: 'SELECT emp_no, first_name, last_name, hire_date FROM employees LIMIT 200001',
  pushedFilters: [],
  rows: 2000,
  bytes: 91_540,
  milliseconds: 1520.4,
};

const columns = [
  { name: 'first_name', type: 'VARCHAR' },
  { name: 'last_name', type: 'VARCHAR' },
  { name: 'hire_date', type: 'DATE' },
  { name: 'fraud_claims', type: 'BIGINT' },
];
const rows = [
  ['Georgi', 'Facello', '1986-06-26', 31],
  ['Bezalel', 'Simmel', '1985-11-21', 29],
  ['Parto', 'Bamford', '1986-08-28', 27],
  ['Chirstian', 'Koblick', '1986-12-01', 26],
  ['Kyoichi', 'Maliniak', '1989-09-12', 24],
];
const answer = 'Georgi Facello handled the most fraudulent claims in 2024 (31); he was hired on 1986-06-26.';

/** The route event of a federated answer: both sources, source-qualified tables. */
export const federatedRoute: EventNamed<'route'> = { event: 'route', source: 'legal+hr', tables: ['legal.claims', 'hr.employees'] };

function doneEvent(source: string, tables: string[], plan: FederatedPlanSummary, timings: Partial<QueryResponse['timings']> = {}): EventNamed<'done'> {
  return {
    event: 'done',
    answer,
    source,
    tables,
    sql: combineSql,
    modelSql: combineSql,
    requestLanguage: 'sql',
    columns,
    rows,
    rowCount: rows.length,
    truncated: false,
    attempts: [{ sql: combineSql }],
    guard: { verdict: 'allowed', limitApplied: false, functions: ['count'] },
    timings: { routeMs: 30, generateMs: 5, guardMs: 12, executeMs: 1580, explainMs: 4, llmMs: 9, totalMs: 1640, ...timings },
    usage: { llmCalls: 3, promptTokens: 4100, completionTokens: 160 },
    standaloneQuestion: adjusterQuestion,
    chart: null,
    answerCheck: { grounded: true, numbersNotInRows: [] },
    plan,
  };
}

/** The federated answer in the steps the test looks between: route; part 1; part 2 and the rest. */
export function federatedAnswerSteps(): QueryEvent[][] {
  const plan: FederatedPlanSummary = {
    engine: 'duckdb',
    sources: ['legal', 'hr'],
    combineSql,
    parts: [claimsPart, employeesPart].map(({ event: _event, ...part }) => part),
    combineMilliseconds: 12.4,
  };
  return [
    [federatedRoute],
    [claimsPart],
    [
      employeesPart,
      { event: 'sql', attempt: 1, sql: combineSql },
      { event: 'rows', columns, rows, truncated: false, rowCount: rows.length },
      { event: 'token', text: 'Georgi Facello handled the most fraudulent claims in 2024 (31); ' },
      { event: 'token', text: 'he was hired on 1986-06-26.' },
      doneEvent('legal+hr', federatedRoute.tables, plan),
    ],
  ];
}

/** The same question run whole by a Trino source that federates legal and hr: no parts. */
export function trinoAnswerEvents(): QueryEvent[] {
  const plan: FederatedPlanSummary = { engine: 'trino', sources: ['legal', 'hr'], combineSql, parts: [] };
  return [
    { event: 'route', source: 'warehouse', tables: ['legal.claims', 'hr.employees'] },
    { event: 'sql', attempt: 1, sql: combineSql },
    { event: 'rows', columns, rows, truncated: false, rowCount: rows.length },
    { event: 'token', text: answer },
    doneEvent('warehouse', ['legal.claims', 'hr.employees'], plan),
  ];
}

/** The federated question failing in part 2: `hr` went down after part 1 had run. */
export function failedPartEvents(): QueryEvent[] {
  return [
    federatedRoute,
    claimsPart,
    {
      event: 'error',
      status: 502,
      error: {
        code: 'SWY_ERR_SOURCE_UNAVAILABLE',
        message: "Source 'hr' did not answer while reading part 2 (hr.employees) of a federated answer; nothing was combined. Try again shortly, or check the source in /sources.",
        details: { part: 2, source: 'hr', table: 'employees' },
      },
    },
  ];
}
