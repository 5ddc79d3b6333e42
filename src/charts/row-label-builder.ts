import type { ColumnProfile } from './column-role-reader.js';

/** Names for the rows of a result, built from the columns that identify them. */
export interface RowLabels {
  /** Title naming the columns a label is built from, e.g. "firstname lastname" or "name (performance)". */
  readonly title: string;
  /** One label per row, e.g. "Walter Chavez" or "MKC (best)". */
  readonly labels: string[];
  /** The single column the labels are, when they are one column's values unchanged; then no new field is needed. */
  readonly singleColumn?: ColumnProfile;
  /** True when no two rows share a label. */
  readonly unique: boolean;
}

// first_name, firstname, given_name, last_name, lastname, surname…: parts of a person's name, in order.
const personNameParts: [RegExp, number][] = [
  [/(^|_)(first|given|fore)_?name$/i, 0],
  [/(^|_)middle_?name$/i, 1],
  [/(^|_)(last|family|sur)_?name$/i, 2],
];
// dept_name, catname, name, ticker, symbol, title: what a row is called; not supplier.name, which
// names a thing the row refers to.
const namingColumn = /^[^.]*(name|(^|_)(ticker|symbol|title|label))$/i;
/** Descriptors shown beside a name ("MKC (best)"); a row with more is labelled by its name alone. */
const maxDescriptors = 1;

function personPart(column: ColumnProfile): number | undefined {
  return personNameParts.find(([pattern]) => pattern.test(column.name))?.[1];
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function joined(row: readonly unknown[], columns: ColumnProfile[], separator: string): string {
  return columns.map((column) => text(row[column.index])).filter((piece) => piece !== '').join(separator);
}

/**
 * Labels rows by what identifies them: a person's first and last name together ("Walter Chavez"),
 * a name or ticker before a descriptor ("MKC (best)", not "best"), and an id only when nothing else
 * tells two rows apart. Null when no column can name the rows.
 */
export function buildRowLabels(profiles: readonly ColumnProfile[], rows: readonly unknown[][]): RowLabels | null {
  const categories = profiles.filter((column) => column.role === 'category');
  const people = categories.filter((column) => personPart(column) !== undefined).sort((a, b) => personPart(a)! - personPart(b)!);
  const names = categories.filter((column) => personPart(column) === undefined && namingColumn.test(column.name));
  let descriptors = categories.filter((column) => personPart(column) === undefined && !namingColumn.test(column.name));
  let identifiers = profiles.filter((column) => column.role === 'identifier');
  let main: ColumnProfile[][] = [...(people.length > 0 ? [people] : []), ...names.map((column) => [column])];
  // Without a name, the descriptors are what a row is called ("San Diego · CA"); without those, its id.
  if (main.length === 0) [main, descriptors] = [descriptors.map((column) => [column]), []];
  if (main.length === 0) [main, identifiers] = [identifiers.map((column) => [column]), []];
  if (main.length === 0) return null;

  const mainText = (row: readonly unknown[]) => main.map((part) => joined(row, part, ' ')).filter((piece) => piece !== '').join(' · ') || '(none)';
  const build = (extra: ColumnProfile[]) =>
    rows.map((row) => {
      const aside = joined(row, extra, ', ');
      return aside === '' ? mainText(row) : `${mainText(row)} (${aside})`;
    });
  let extra = descriptors.length <= maxDescriptors ? descriptors : [];
  let labels = build(extra);
  // Two rows of the same name ("Chavez" twice) are told apart by their descriptors, then their id.
  for (const more of [descriptors, [...descriptors, ...identifiers]]) {
    if (new Set(labels).size === labels.length || more.length === extra.length) continue;
    extra = more;
    labels = build(extra);
  }
  const mainTitle = main.map((part) => part.map((column) => column.name).join(' ')).join(' · ');
  const title = extra.length === 0 ? mainTitle : `${mainTitle} (${extra.map((column) => column.name).join(', ')})`;
  const only = main.length === 1 && main[0]!.length === 1 && extra.length === 0 ? main[0]![0] : undefined;
  return { title, labels, unique: new Set(labels).size === labels.length, ...(only === undefined ? {} : { singleColumn: only }) };
}
