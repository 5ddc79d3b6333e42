import { describe, expect, it } from 'vitest';
import { checkAnswerGrounding } from '../../src/pipeline/answer-grounding-check.js';

describe('answer grounding check', () => {
  const rows = [
    ['Gregory', 'Clark', 183],
    ['Susan', 'Sanchez', 123],
  ];

  it('accepts figures read from the rows, list markers and numbers from the question', () => {
    const answer = 'The top sellers in San Diego in 2008:\n1. Gregory Clark with 183 tickets\n2. Susan Sanchez with 123 tickets.';
    expect(checkAnswerGrounding(answer, rows, 'Top sellers in San Diego in 2008?')).toEqual({ grounded: true, numbersNotInRows: [] });
  });

  it('accepts rounded and scaled forms of a value', () => {
    const result = [[16714814.65, 0.0321, '2008-01-05']];
    const answer = 'Commission was $16.7 million ($16,714,814.65), 3.2% of sales, first on 2008-01-05.';
    expect(checkAnswerGrounding(answer, result, 'Total commission?')).toMatchObject({ grounded: true });
  });

  it('reports a number that appears nowhere in the rows', () => {
    const answer = 'There are no job postings; in fact there were 0 sales and 999 refunds.';
    expect(checkAnswerGrounding(answer, rows, 'How many sales?')).toEqual({ grounded: false, numbersNotInRows: ['0', '999'] });
  });

  it('reports a wrongly rounded figure', () => {
    expect(checkAnswerGrounding('About 190 tickets.', rows, 'How many?').numbersNotInRows).toEqual(['190']);
  });
});
