import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import mistralTokenizer from 'mistral-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { countBytePairMerges } from '../../src/llm/byte-pair-merge-counter.js';
import { createTokenCounter, tokenizerNames, type TokenizerName } from '../../src/llm/token-counter.js';

/** A deterministic generator, so a failure names a value that can be reproduced. */
function seededPicker(seed: number): (alphabet: string, length: number) => string {
  let state = seed;
  return (alphabet, length) => {
    const symbols = [...alphabet];
    let text = '';
    for (let index = 0; index < length; index += 1) {
      state = (state * 1103515245 + 12345) % 2147483648;
      text += symbols[Math.floor((state / 2147483648) * symbols.length)];
    }
    return text;
  };
}

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

/** The tokenizer libraries' own counts, as token-counter.ts computed them before it bounded its work. */
function libraryCount(name: TokenizerName, text: string): number {
  if (name !== 'mistral') return libraryEncoders[name].encode(text, [], []).length;
  let total = 0;
  let start = 0;
  const plain = (part: string) => (part.length === 0 ? 0 : mistralTokenizer.encode(part, false, true).length);
  for (const match of text.matchAll(/<\/?s>/g)) {
    total += plain(text.slice(start, match.index)) + 1;
    start = match.index + match[0].length;
  }
  return total + plain(text.slice(start));
}

/**
 * The exact count of one unbroken run, however long: SentencePiece's own encoder (whose priority
 * queue makes that affordable), or for the BPE encodings the heap-based merge, which the tests above
 * hold to the library's own counts on every run up to 2 KB.
 */
function exactRunCount(name: TokenizerName, run: string): number {
  if (name === 'mistral') return libraryCount(name, run);
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
  for (const name of tokenizerNames) {
    const counter = createTokenCounter(name);

    it(`${name}: holds the event loop well under 100 ms for any 12,000-character value`, () => {
      // Compiled first: the one-off cost of optimising the code is not a stall a value can cause again.
      for (const value of Object.values(warmUpValues)) counter.count(value);
      const slowest: [string, number][] = [];
      for (const [label, value] of Object.entries(adversarialValues)) {
        let tokens = 0;
        const milliseconds = cpuMilliseconds(() => (tokens = counter.count(value)));
        slowest.push([label, milliseconds]);
        expect(tokens, label).toBeGreaterThan(0);
        expect(tokens, label).toBeLessThanOrEqual(Buffer.byteLength(value, 'utf8') + 1);
      }
      slowest.sort((left, right) => right[1] - left[1]);
      // Before counting was bounded, the DNA cell alone took 7–10 s with cl100k and o200k.
      expect(slowest[0]![1], `slowest: ${slowest[0]![0]}`).toBeLessThan(100);
    });

    it(`${name}: counts a megabyte of one letter, and of random letters, in time linear in its length`, () => {
      const oneLetter = cpuMilliseconds(() => expect(counter.count('a'.repeat(1_000_000))).toBeGreaterThan(100_000));
      expect(oneLetter).toBeLessThan(1000);
      const randomLetters = pick('abcdefghijklmnopqrstuvwxyz', 120_000);
      const tenCells = cpuMilliseconds(() => expect(counter.count(randomLetters)).toBeGreaterThan(40_000));
      expect(tenCells).toBeLessThan(1000);
    });

    it(`${name}: counts ordinary text exactly as the library does`, () => {
      const words = ['SELECT', 'the', 'quick', 'fox,', 'Zoë', '東京', '🙂', '12345', 'https://example.com/a/b?c=d', '\n', '  ', 'userid,firstname', '"Ann, Jr."', '<s>', '[INST]', "don't", '\t', 'x/y\n/z', '東京大阪日本語中文字の文'];
      for (let sample = 0; sample < 30; sample += 1) {
        const separator = sample % 2 === 0 ? ' ' : '';
        const text = Array.from({ length: 40 + sample * 37 }, (_unused, index) => words[(index * 7 + sample * 13) % words.length]).join(separator);
        expect(counter.count(text), JSON.stringify(text.slice(0, 80))).toBe(libraryCount(name, text));
      }
    });

    it(`${name}: counts an unbroken run of up to 2 KB exactly as the library does`, () => {
      for (const alphabet of ['ACGT', 'abcdefghijklmnopqrstuvwxyz', '東京大阪日本語', '🙂', '!?.,;:', ' ', '0123456789']) {
        for (const length of [30, 150, 400]) {
          const text = `${pick(alphabet, length)} ${pick(alphabet, length)}`;
          expect(counter.count(text), `${alphabet} × ${length}`).toBe(libraryCount(name, text));
        }
      }
    });

    it(`${name}: estimates a run past 2 KB from above, and by little`, () => {
      for (const alphabet of ['ACGT', 'abcdefghijklmnopqrstuvwxyz', '東京大阪日本語', '🙂', '!?.,;:']) {
        for (const length of [3000, 9000]) {
          const run = pick(alphabet, length);
          const exact = exactRunCount(name, run);
          const estimate = counter.count(run);
          expect(estimate, `${alphabet} × ${length}`).toBeGreaterThanOrEqual(exact);
          expect(estimate, `${alphabet} × ${length}`).toBeLessThanOrEqual(Math.ceil(exact * 1.02) + 2);
        }
      }
    });
  }
});
