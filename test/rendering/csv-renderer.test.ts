import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/rendering/csv-renderer.js';

describe('CSV rendering', () => {
  it('quotes per RFC 4180 and defuses text a spreadsheet would run as a formula', () => {
    const csv = renderCsv(['name', 'note', 'amount'], [
      ['Ann', '=HYPERLINK("http://x","y")', -5],
      ['Bob', '@SUM(A1)', 3.5],
      ['Cy', '+1', null],
      ['Di', 'plain, with comma', 0],
    ]);
    expect(csv.split('\n')).toEqual(['name,note,amount', `Ann,"'=HYPERLINK(""http://x"",""y"")",-5`, "Bob,'@SUM(A1),3.5", "Cy,'+1,", 'Di,"plain, with comma",0']);
  });
});
