import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import mistralTokenizer from 'mistral-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { countBytePairMerges } from '../../../src/llm/tokens/byte-pair-merge-counter.js';
import { createTokenCounter, tokenizerNames, type TokenizerName } from '../../../src/llm/tokens/token-counter.js';
import { seededPicker } from './seeded-text.js';

const pick = seededPicker(20261207);

/** Values a result cell can hold in ordinary data, each one unbroken run the tokenizers merge whole. */
function adversarialValuesFrom(draw: (alphabet: string, length: number) => string): Record<string, string> {
  return {
    'DNA sequence of 12,000 letters': draw('ACGT', 12_000),
    '12,000 random letters': draw('abcdefghijklmnopqrstuvwxyz', 12_000),
    '12,000 of one letter': 'a'.repeat(12_000),
    '12,000 digits': draw('0123456789', 12_000),
    '12,000 of one CJK character': '東'.repeat(12_000),
    '12,000 mixed CJK characters': draw('東京大阪日本語中文字', 12_000),
    '6,000 of one emoji': '🙂'.repeat(6_000),
    '12,000 punctuation marks': draw('!?.,;:-_=+*&^%$#@', 12_000),
    '12,000 slashes and newlines': `!${'/\n'.repeat(6_000)}`,
    '12,000 spaces': ' '.repeat(12_000),
    '12,000 mixed characters': draw('aB3,東🙂-é', 12_000),
    'a CSV line around a 12,000-letter cell': `1,sample one,${draw('ACGT', 12_000)},42.5,"done"`,
  };
}

const adversarialValues = adversarialValuesFrom(pick);
/** Values of the same kinds but other letters, so warming up leaves no remembered chunk behind. */
const warmUpValues = adversarialValuesFrom(seededPicker(7));

const libraryEncoders = { cl100k: new Tiktoken(cl100kBase), o200k: new Tiktoken(o200kBase) };

/**
 * The exact count of one unbroken run, however long: SentencePiece's own encoder (whose priority
 * queue makes that affordable), or for the BPE encodings the heap-based merge, which
 * byte-pair-merge-counter.test.ts holds to js-tiktoken's own counts.
 */
function exactRunCount(name: TokenizerName, run: string): number {
  if (name === 'mistral') return mistralTokenizer.encode(run, false, true).length;
  const ranks = (libraryEncoders[name] as unknown as { rankMap: Map<string, number> }).rankMap;
  return countBytePairMerges(new TextEncoder().encode(run), ranks);
}

/** CPU time of one synchronous call, in milliseconds: what the event loop is held for, minus time the machine spent elsewhere. */
function cpuMilliseconds(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('token counting of adversarial values', () => {
  const counters = tokenizerNames.map((name) => createTokenCounter(name));

  it('holds the event loop well under 100 ms for any 12,000-character value, with every tokenizer', () => {
    const slowest: [string, number][] = [];
    for (const counter of counters) {
      // Compiled first: the one-off cost of optimising the code is not a stall a value can cause again.
      for (const value of Object.values(warmUpValues)) counter.count(value);
      for (const [label, value] of Object.entries(adversarialValues)) {
        let tokens = 0;
        slowest.push([`${counter.name}: ${label}`, cpuMilliseconds(() => (tokens = counter.count(value)))]);
        expect(tokens, label).toBeGreaterThan(0);
        expect(tokens, label).toBeLessThanOrEqual(Buffer.byteLength(value, 'utf8') + 1);
      }
    }
    slowest.sort((left, right) => right[1] - left[1]);
    // Before counting was bounded, the DNA cell alone took 7–10 s with cl100k and o200k.
    expect(slowest[0]![1], `slowest: ${slowest[0]![0]}`).toBeLessThan(100);
  });

  it('counts a megabyte of one letter, and 120,000 random letters, in time linear in their length, with every tokenizer', () => {
    const randomLetters = pick('abcdefghijklmnopqrstuvwxyz', 120_000);
    for (const counter of counters) {
      const oneLetter = cpuMilliseconds(() => expect(counter.count('a'.repeat(1_000_000))).toBeGreaterThan(100_000));
      expect(oneLetter, `${counter.name}: a megabyte of one letter`).toBeLessThan(1000);
      const tenCells = cpuMilliseconds(() => expect(counter.count(randomLetters)).toBeGreaterThan(40_000));
      expect(tenCells, `${counter.name}: 120,000 random letters`).toBeLessThan(1000);
    }
  });

  it('estimates an unbroken run past the exact bound from above, and by little, with every tokenizer', () => {
    for (const counter of counters) {
      for (const alphabet of ['ACGT', 'abcdefghijklmnopqrstuvwxyz', '東京大阪日本語', '🙂', '!?.,;:']) {
        for (const length of [3000, 9000]) {
          const run = pick(alphabet, length);
          const exact = exactRunCount(counter.name, run);
          const estimate = counter.count(run);
          expect(estimate, `${counter.name}: ${alphabet} × ${length}`).toBeGreaterThanOrEqual(exact);
          expect(estimate, `${counter.name}: ${alphabet} × ${length}`).toBeLessThanOrEqual(Math.ceil(exact * 1.02) + 2);
        }
      }
    }
  });
});
