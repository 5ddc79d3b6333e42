import type { ResultColumn } from '../connectors/connector.js';
import { readColumnRoles, type ColumnProfile } from './column-role-reader.js';
import { buildRowLabels, type RowLabels } from './row-label-builder.js';
import { readTimeAxis } from './time-axis-reader.js';

/** Chart kinds the service proposes. */
export type ChartKind = 'line' | 'bar' | 'pie';

/** A proposed chart: a Vega-Lite spec with the rows inlined. */
export interface ChartProposal {
  /** What kind of chart and why it fits. */
  readonly kind: ChartKind;
  /** The Vega-Lite v6 spec (data inlined, no URLs). */
  readonly spec: Record<string, unknown>;
}

type Values = Record<string, unknown>[];

/** Most points inlined into a spec; a chart of more is unreadable and the table remains. */
const maxChartRows = 1000;
/** Categories above this make a bar chart unreadable. */
const maxBars = 50;
/** Slices above this make a pie chart unreadable. */
const maxSlices = 8;
/** Lines above this outrun a palette of distinct colours; the table remains. */
const maxSeries = 20;
/** Measures drawn as lines of their own over time, when their sizes are alike. */
const maxFoldedMeasures = 4;
/** Bars whose labels are longer than this, or more bars than maxUprightBars, lie on their side. */
const maxUprightLabel = 12;
const maxUprightBars = 12;
const shareName = /share|percent|pct|ratio|fraction|proportion/i;

/**
 * Proposes a chart from column types, names and values only; nothing the model wrote is ever executed
 * (Vanna's CVE-2024-5565 ran LLM-written plotting code). Time on the x axis → one line, or one line
 * per value of a real second dimension; a category and a measure → bars labelled by the columns that
 * identify each row; parts of a whole → pie; a single value or anything else → no chart.
 */
export function proposeChart(columns: readonly ResultColumn[], rows: readonly unknown[][]): ChartProposal | null {
  if (rows.length < 2 || columns.length < 2) return null;
  const charted = rows.slice(0, maxChartRows);
  const profiles = readColumnRoles(columns, charted);
  const measures = profiles.filter((column) => column.role === 'measure');
  if (measures.length === 0) return null;
  const values: Values = charted.map((row) =>
    Object.fromEntries(columns.map((column, index) => [column.name, measures.some((measure) => measure.index === index) ? asNumber(row[index]) : row[index]])),
  );
  return profiles.some((column) => column.role === 'time') ? proposeLine(profiles, measures, charted, values) : proposeBarOrPie(profiles, measures, charted, values);
}

function proposeLine(profiles: ColumnProfile[], measures: ColumnProfile[], rows: readonly unknown[][], values: Values): ChartProposal | null {
  const axis = readTimeAxis(profiles, rows);
  // One line unless the same moment appears in several rows: then another column tells them apart.
  const repeats = new Set(axis.keys).size < rows.length;
  const series = repeats ? buildRowLabels(profiles.filter((column) => column.role === 'category' || column.role === 'identifier'), rows) : null;
  if (repeats && series === null) return null;
  const folded = series === null ? comparableMeasures(measures, rows) : [];
  const seriesCount = series !== null ? new Set(series.labels).size : folded.length;
  if (seriesCount > maxSeries) return null;

  let x: Record<string, unknown>;
  if (axis.instant !== undefined) {
    x = { field: fieldName(axis.instant.name), type: 'temporal', title: axis.instant.name, scale: { type: 'utc' } };
  } else {
    const field = axis.single?.name ?? addField(values, axis.title, axis.keys);
    const order = [...new Map(axis.sorted.map((index) => [axis.keys[index], values[index]![field]])).values()];
    x = { field: fieldName(field), type: 'ordinal', title: axis.title, sort: order, axis: { labelOverlap: true } };
  }
  const measure = measures.at(-1)!;
  const encoding: Record<string, unknown> = { x, y: quantitative(measure) };
  const spec: Record<string, unknown> = {};
  if (folded.length > 1) {
    spec.transform = [{ fold: folded.map((column) => fieldName(column.name)), as: ['measure', 'value'] }];
    encoding.y = { field: 'value', type: 'quantitative', title: folded.map((column) => column.name).join(', ') };
    encoding.color = colour('measure', null, folded.map((column) => column.name));
  } else if (series !== null) {
    const field = series.singleColumn?.name ?? addField(values, series.title, series.labels);
    encoding.color = colour(fieldName(field), series.title, [...new Set(rows.map((_, index) => values[index]![field]))]);
  }
  return {
    kind: 'line',
    spec: baseSpec(values, { ...spec, mark: { type: 'line', point: rows.length <= 60, tooltip: { content: 'data' } }, encoding }, 280),
  };
}

function proposeBarOrPie(profiles: ColumnProfile[], measures: ColumnProfile[], rows: readonly unknown[][], values: Values): ChartProposal | null {
  const labels = buildRowLabels(profiles, rows);
  // Rows that nothing tells apart would be stacked into one bar: no chart is better than a wrong one.
  if (labels === null || !labels.unique) return null;
  // Rows ordered by one of several measures ("the three cheapest": price, stock, rating) are about that one.
  const measure = (measures.length > 1 && rows.length > 2 ? measures.find((column) => isOrderedBy(rows, column.index)) : undefined) ?? measures.at(-1)!;
  const field = labelField(values, labels);
  if (isShare(measure.name, rows, measure.index)) {
    return {
      kind: 'pie',
      spec: baseSpec(values, { mark: { type: 'arc', tooltip: { content: 'data' } }, encoding: { theta: quantitative(measure), color: colour(fieldName(field), labels.title, labels.labels) } }, 280),
    };
  }
  if (rows.length > maxBars) return null;
  const category = { field: fieldName(field), type: 'nominal', title: labels.title };
  const sideways = rows.length > maxUprightBars || labels.labels.some((label) => label.length > maxUprightLabel);
  const encoding = sideways
    ? { y: { ...category, sort: '-x' }, x: quantitative(measure) }
    : { x: { ...category, sort: '-y', axis: { labelAngle: 0, labelOverlap: true } }, y: quantitative(measure) };
  return { kind: 'bar', spec: baseSpec(values, { mark: { type: 'bar', tooltip: { content: 'data' } }, encoding }, sideways ? Math.max(140, 24 * rows.length) : 280) };
}

function baseSpec(values: Values, body: Record<string, unknown>, height: number): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height,
    // Fit the axes and labels inside the container's width instead of spilling past its edge; the
    // height grows with the legend below the plot.
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    ...body,
  };
}

function quantitative(measure: ColumnProfile): Record<string, unknown> {
  return { field: fieldName(measure.name), type: 'quantitative', title: measure.name };
}

/** A colour per series from a palette with at least as many colours as series, so none repeats. */
function colour(field: string, title: string | null, order: unknown[]): Record<string, unknown> {
  const count = new Set(order).size;
  return {
    field,
    type: 'nominal',
    title,
    sort: [...new Set(order)],
    scale: { scheme: count <= 10 ? 'tableau10' : 'tableau20' },
    // Below the plot in two columns: a legend on the right takes the plot's width on a phone.
    legend: { orient: 'bottom', columns: 2, labelLimit: 150 },
  };
}

/** Several measures drawn together (claims and fraudulent claims per year) when no one dwarfs another. */
function comparableMeasures(measures: ColumnProfile[], rows: readonly unknown[][]): ColumnProfile[] {
  if (measures.length < 2 || measures.length > maxFoldedMeasures) return [];
  const peaks = measures.map((measure) => Math.max(...rows.map((row) => Math.abs(asNumber(row[measure.index]) ?? 0))));
  const smallest = Math.min(...peaks);
  return smallest > 0 && Math.max(...peaks) / smallest <= 100 ? measures : [];
}

/** The field holding the labels: the column itself, or a new field of built labels. */
function labelField(values: Values, labels: RowLabels): string {
  return labels.singleColumn?.name ?? addField(values, labels.title, labels.labels);
}

/** Adds a field to every value under a name no column uses, and returns the name. */
function addField(values: Values, title: string, fieldValues: readonly string[]): string {
  let name = title;
  while (values.length > 0 && Object.hasOwn(values[0]!, name)) name = `${name} `;
  values.forEach((value, index) => (value[name] = fieldValues[index]));
  return name;
}

function isOrderedBy(rows: readonly unknown[][], index: number): boolean {
  const numbers = rows.map((row) => asNumber(row[index]) ?? Number.NaN);
  const pairs = numbers.slice(1).map((value, place) => value - numbers[place]!);
  return pairs.every((step) => step >= 0) || pairs.every((step) => step <= 0);
}

function asNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Vega-Lite reads dots and brackets in field names as paths; result column names are literal. */
function fieldName(name: string): string {
  return name.replace(/[.[\]\\]/g, (character) => `\\${character}`);
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
