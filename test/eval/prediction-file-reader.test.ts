import { describe, expect, it } from 'vitest';
import { birdSeparator, readPredictionFile } from '../../src/eval/prediction-file-reader.js';

describe('predictions file reader', () => {
  it("reads Spider's lines, with and without a db_id, keeping positions across an empty line", () => {
    const file = readPredictionFile('SELECT count(*) FROM singer\tconcert_singer\r\nSELECT name FROM pets\n\nSELECT 1  \n');
    expect(file.format).toBe('spider-lines');
    expect(file.predictions).toEqual([
      { ordinal: 0, reply: 'SELECT count(*) FROM singer', databaseId: 'concert_singer' },
      { ordinal: 1, reply: 'SELECT name FROM pets' },
      { ordinal: 2, reply: '' },
      { ordinal: 3, reply: 'SELECT 1' },
    ]);
  });

  it("reads BIRD's JSON object in index order, splitting each value at the last separator", () => {
    const text = JSON.stringify({
      '1': `\`\`\`sql\nSELECT a\tFROM t\n\`\`\`${birdSeparator}financial`,
      '0': `SELECT 1${birdSeparator}california_schools`,
      '2': null,
      '3': 'SELECT 2',
    });
    const file = readPredictionFile(`\n  ${text}`);
    expect(file.format).toBe('bird-json');
    expect(file.predictions).toEqual([
      { ordinal: 0, reply: 'SELECT 1', databaseId: 'california_schools' },
      { ordinal: 1, reply: '```sql\nSELECT a\tFROM t\n```', databaseId: 'financial' },
      { ordinal: 2, reply: '' },
      { ordinal: 3, reply: 'SELECT 2' },
    ]);
  });

  it('refuses a JSON file that is not an object of question indexes', () => {
    expect(() => readPredictionFile('{"0": "SELECT 1", ')).toThrow(/does not parse/);
    expect(() => readPredictionFile('{"first": "SELECT 1"}')).toThrow(/not a question index/);
  });
});
