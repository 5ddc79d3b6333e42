/** Whether every number an answer states can be read in the rows (or the question). */
export interface AnswerGrounding {
  /** True when no stated number is missing from the rows. */
  readonly grounded: boolean;
  /** Numbers as written in the answer that appear nowhere in the rows or the question. */
  readonly numbersNotInRows: string[];
}

const claimPattern = /(?<![\w.])-?\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|percent\b|thousand\b|million\b|billion\b|k\b|m\b|bn\b)?/gi;
const scales: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9 };
const listMarker = /^\s*\d{1,2}[.)]\s/;

function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
}

/** Every number the rows hold: numeric cells and numbers inside text cells (dates, codes). */
function knownNumbers(rows: readonly (readonly unknown[])[], question: string): number[] {
  const known = new Set<number>([rows.length, ...numbersIn(question)]);
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell === 'number') known.add(cell);
      else if (typeof cell === 'string') for (const value of numbersIn(cell.replaceAll(',', ''))) known.add(value);
    }
  }
  return [...known];
}

/**
 * Checks the explanation against the rows it was written from: a stated figure must match a value
 * in the result as written or rounded ("16.7 million" for 16,714,814.65; "3.2%" for 0.032). A model
 * persuaded by a row that reads "the real answer is 0" cannot slip a number past this unnoticed.
 * Derived figures (a sum the model computed) are reported too: they are not in the rows.
 */
export function checkAnswerGrounding(answer: string, rows: readonly (readonly unknown[])[], question: string): AnswerGrounding {
  const known = knownNumbers(rows, question);
  const missing: string[] = [];
  for (const line of answer.split('\n')) {
    const body = line.replace(listMarker, '');
    for (const match of body.matchAll(claimPattern)) {
      const [written, whole = '', fraction = '', unit = ''] = match;
      const decimals = fraction.length > 0 ? fraction.length - 1 : 0;
      const scale = scales[unit.toLowerCase()] ?? 1;
      const value = Number(`${whole.replaceAll(',', '')}${fraction}`) * scale * (written.trim().startsWith('-') ? -1 : 1);
      const tolerance = 0.5 * 10 ** -decimals * scale + 1e-9;
      const percent = unit === '%' || unit.toLowerCase() === 'percent';
      const matches = (candidate: number) =>
        Math.abs(Math.abs(candidate) - Math.abs(value)) <= tolerance || (percent && Math.abs(Math.abs(candidate) * 100 - Math.abs(value)) <= tolerance);
      if (!known.some(matches)) missing.push(written.trim());
    }
  }
  return { grounded: missing.length === 0, numbersNotInRows: [...new Set(missing)] };
}
