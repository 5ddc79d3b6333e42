import { describe, expect, it } from 'vitest';
import { createTokenCounter, fitsTokenBudget, tokenizerNames } from '../../../src/llm/tokens/token-counter.js';

// fitsTokenBudget skips tokenisation when UTF-8 bytes + 1 per text already fit: that shortcut is only
// sound if no tokenizer ever yields more tokens than that bound, which these cases check.
const samples = [
  '',
  'a',
  ' ',
  'Hello world',
  'userid,firstname,lastname\n1,Zoë,東京\n2,"Ann, Jr.",🙂🙂🙂',
  '<s>[INST] instructions [/INST]</s>',
  '\n\n\n\t\t  ',
  'ÅÄÖ '.repeat(50),
  Array.from({ length: 200 }, (_unused, index) => String.fromCodePoint(0x4e00 + ((index * 7919) % 20000))).join(''),
];

describe('token budget check', () => {
  for (const name of tokenizerNames) {
    const counter = createTokenCounter(name);
    it(`${name}: never more tokens than UTF-8 bytes + 1`, () => {
      for (const text of samples) expect(counter.count(text), JSON.stringify(text)).toBeLessThanOrEqual(Buffer.byteLength(text, 'utf8') + 1);
    });

    it(`${name}: decides exactly as a full count does`, () => {
      const count = (text: string) => counter.count(text);
      for (const budget of [0, 1, 5, 20, 60, 200, 5000]) {
        const exact = samples.reduce((total, text) => total + counter.count(text), 0) <= budget;
        expect(fitsTokenBudget(count, samples, budget), `budget ${budget}`).toBe(exact);
      }
    });
  }
});
