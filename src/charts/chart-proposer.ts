import type { ResultColumn } from '../connectors/connector.js';

/** Chart kinds the service proposes. */
export type ChartKind = 'line' | 'bar' | 'pie';

/** A proposed chart: a Vega-Lite spec with the rows inlined. */
export interface ChartProposal {
  /** What kind of chart and why it fits. */
  readonly kind: ChartKind;
  /** The Vega-Lite v6 spec (data inlined, no URLs). */
  readonly spec: Record<string, unknown>;
}

type ColumnRole = 'temporal' | 'quantitative' | 'nominal';

/** Most points inlined into a spec; a chart of more is unreadable and the table remains. */
const maxChartRows = 1000;
/** Categories above this make a bar chart unreadable. */
const maxBars = 50;
/** Slices above this make a pie chart unreadable. */
const maxSlices = 8;

const temporalType = /date|time/i;
const numericType = /int|double|float|decimal|numeric|real|number|money/i;
const periodName = /(^|_)(year|month|quarter|week|day|date)s?($|_)/i;
const shareName = /share|percent|pct|ratio|fraction|proportion/i;

/**
 * Proposes a chart from column types and values only; nothing the model wrote is ever executed
 * (Vanna's CVE-2024-5565 ran LLM-written plotting code). Time series → line, category + measure →
 * bar, parts of a whole → pie, a single value or anything else → no chart.
 */
export function proposeChart(columns: readonly ResultColumn[], rows: readonly unknown[][]): ChartProposal | null {
  if (rows.length < 2 || columns.length < 2) return null;
  const roles = columns.map((column, index) => roleOf(column, rows, index));
  const measureIndex = roles.findLastIndex((role) => role === 'quantitative');
  if (measureIndex < 0) return null;
  const values = rows.slice(0, maxChartRows).map((row) => Object.fromEntries(columns.map((column, index) => [column.name, row[index]])));
  const measure = { field: fieldName(columns[measureIndex]!.name), type: 'quantitative', title: columns[measureIndex]!.name };

  const timeIndex = roles.findIndex((role, index) => role === 'temporal' && index !== measureIndex);
  if (timeIndex >= 0) {
    const time = columns[timeIndex]!;
    const timeIsNumber = typeof rows[0]?.[timeIndex] === 'number';
    const series = roles.findIndex((role, index) => role === 'nominal' && index !== timeIndex);
    return {
      kind: 'line',
      spec: baseSpec(values, {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: fieldName(time.name), type: timeIsNumber ? 'ordinal' : 'temporal', title: time.name },
          y: measure,
          ...(series >= 0 ? { color: { field: fieldName(columns[series]!.name), type: 'nominal', title: columns[series]!.name } } : {}),
        },
      }),
    };
  }

  const categoryIndex = roles.findIndex((role) => role === 'nominal');
  if (categoryIndex < 0) return null;
  const category = { field: fieldName(columns[categoryIndex]!.name), type: 'nominal', title: columns[categoryIndex]!.name };
  if (isShare(columns[measureIndex]!.name, rows, measureIndex)) {
    return {
      kind: 'pie',
      spec: baseSpec(values, { mark: { type: 'arc', tooltip: true }, encoding: { theta: measure, color: category } }),
    };
  }
  if (rows.length > maxBars) return null;
  return {
    kind: 'bar',
    spec: baseSpec(values, {
      mark: { type: 'bar', tooltip: true },
      encoding: { x: { ...category, sort: '-y' }, y: measure },
    }),
  };
}

function baseSpec(values: Record<string, unknown>[], body: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 280,
    // Fit the axes and labels inside the container instead of spilling past its edge.
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    ...body,
  };
}

/** Vega-Lite reads dots and brackets in field names as paths; result column names are literal. */
function fieldName(name: string): string {
  return name.replace(/[.[\]\\]/g, (character) => `\\${character}`);
}

function roleOf(column: ResultColumn, rows: readonly unknown[][], index: number): ColumnRole {
  if (temporalType.test(column.type)) return 'temporal';
  const sample = rows.slice(0, 50).map((row) => row[index]).filter((value) => value !== null && value !== undefined);
  const numeric = numericType.test(column.type) && sample.every((value) => typeof value === 'number' || isNumericString(value));
  if (numeric && periodName.test(column.name) && sample.every((value) => Number.isInteger(Number(value)))) return 'temporal';
  if (numeric) return 'quantitative';
  if (sample.length > 0 && sample.every((value) => typeof value === 'string' && /^\d{4}-\d{2}(-\d{2})?([ T]|$)/.test(value))) return 'temporal';
  return 'nominal';
}

function isNumericString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

/** A few non-negative parts that add up to a whole (1 or 100), or a column named as a share. */
function isShare(name: string, rows: readonly unknown[][], index: number): boolean {
  if (rows.length > maxSlices) return false;
  const numbers = rows.map((row) => Number(row[index]));
  if (numbers.some((value) => !Number.isFinite(value) || value < 0)) return false;
  if (shareName.test(name)) return true;
  const total = numbers.reduce((sum, value) => sum + value, 0);
  return Math.abs(total - 100) < 0.5 || Math.abs(total - 1) < 0.005;
}
