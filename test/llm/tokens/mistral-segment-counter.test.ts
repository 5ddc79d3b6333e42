import mistralTokenizer from 'mistral-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { countMistralTokens } from '../../../src/llm/tokens/mistral-segment-counter.js';
import { ordinaryTexts, seededPicker } from './seeded-text.js';

/** The count of encoding `text` whole, each `<s>`/`</s>` marker as one token, as Switchyard counted it before segmenting. */
function wholeCount(text: string): number {
  const plain = (part: string) => (part.length === 0 ? 0 : mistralTokenizer.encode(part, false, true).length);
  let total = 0;
  let start = 0;
  for (const match of text.matchAll(/<\/?s>/g)) {
    total += plain(text.slice(start, match.index)) + 1;
    start = match.index + match[0].length;
  }
  return total + plain(text.slice(start));
}

describe('Mixtral counting in segments', () => {
  const pick = seededPicker(99);

  it('no token holds the space marker after another character and no merge takes a line break, which makes cutting there exact', () => {
    const tokenizer = mistralTokenizer as unknown as { vocabById: string[]; merges: Map<string, number> };
    expect(tokenizer.vocabById.length).toBe(32000);
    expect(tokenizer.vocabById.filter((token) => /[^▁]▁/u.test(token))).toEqual([]);
    expect(mistralTokenizer.encode('\n', false, false)).toEqual([13]);
    expect([...tokenizer.merges.keys()].filter((pair) => pair.includes('<0x0A>'))).toEqual([]);
  });

  it('counts ordinary text of many segments exactly as one whole encoding does', () => {
    for (const text of ordinaryTexts()) expect(countMistralTokens(text), JSON.stringify(text.slice(0, 80))).toBe(wholeCount(text));
  });

  it('counts text around unbroken runs of up to 4,096 characters exactly as one whole encoding does', () => {
    for (const alphabet of ['ACGT', 'abcdefghijklmnopqrstuvwxyz', '東京大阪日本語', '🙂', '!?.,;:', '0123456789', ' ']) {
      const run = pick(alphabet, 2000);
      for (const text of [run, ` ${run}`, `${pick('ab ', 700)}${run} ${run}\n`, `1,sample one,${run},42.5,"done"`, `  ${run}   x <s>${run}</s>`]) {
        expect(countMistralTokens(text), `${alphabet}: ${JSON.stringify(text.slice(0, 40))}`).toBe(wholeCount(text));
      }
    }
  });
});
