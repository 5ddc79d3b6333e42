import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { countBytePairMerges } from '../../../src/llm/tokens/byte-pair-merge-counter.js';
import { countTiktokenTokens } from '../../../src/llm/tokens/tiktoken-piece-counter.js';
import { ordinaryTexts, seededPicker } from './seeded-text.js';

const pick = seededPicker(4242);
/** Alphabets whose runs the pre-tokenizer keeps as one piece: letters, CJK, emoji, punctuation, spaces. */
const onePieceAlphabets = ['ACGT', 'abcdefghijklmnopqrstuvwxyz', 'AbCdEfGh', '東京大阪日本語', '🙂', '🙂👍🏽🇸🇪', '!?.,;:', ' '];

for (const [name, ranks] of [['cl100k', cl100kBase], ['o200k', o200kBase]] as const) {
  describe(`${name} counting without quadratic merges`, () => {
    const library = new Tiktoken(ranks);
    const count = (text: string) => library.encode(text, [], []).length;

    it('merges one piece to exactly as many tokens as js-tiktoken does', () => {
      const rankMap = (library as unknown as { rankMap: Map<string, number> }).rankMap;
      for (const alphabet of onePieceAlphabets) {
        for (const length of [1, 2, 7, 30, 150, 400]) {
          const piece = pick(alphabet, length);
          expect(countBytePairMerges(new TextEncoder().encode(piece), rankMap), `${alphabet} × ${length}`).toBe(count(piece));
        }
      }
    });

    it('counts ordinary text, and text around long pieces, exactly as js-tiktoken does', () => {
      for (const text of ordinaryTexts()) expect(countTiktokenTokens(name, text), JSON.stringify(text.slice(0, 80))).toBe(count(text));
      for (const alphabet of [...onePieceAlphabets, '0123456789']) {
        const run = pick(alphabet, 200);
        for (const text of [run, ` ${run}`, `${run} ${run}\n`, `1,sample one,${run},42.5,"done"\n2,x,${pick(alphabet, 40)}`, `  ${run}   x`]) {
          expect(countTiktokenTokens(name, text), `${alphabet}: ${JSON.stringify(text.slice(0, 40))}`).toBe(count(text));
        }
      }
    });
  });
}
