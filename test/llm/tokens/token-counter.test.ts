import mistralTokenizer from 'mistral-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { createTokenCounter } from '../../../src/llm/tokens/token-counter.js';

describe('createTokenCounter', () => {
  it('counts with the Mixtral 8x7B vocabulary (the SentencePiece ids the served model sees)', () => {
    // Published ids: "▁Hello" = 22557, "▁world" = 1526, and "[INST]" splits into "▁[", "INST", "]".
    expect(mistralTokenizer.encode('Hello world', false, true)).toEqual([22557, 1526]);
    expect(mistralTokenizer.encode('[INST]', false, true)).toEqual([733, 16289, 28793]);
    const counter = createTokenCounter('mistral');
    expect(counter.name).toBe('mistral');
    expect(counter.count('Hello world')).toBe(2);
    expect(counter.count('')).toBe(0);
  });

  it('counts the <s> and </s> markers of a rendered Mixtral prompt as one special token each', () => {
    const counter = createTokenCounter('mistral');
    const inner = mistralTokenizer.encode('[INST] Hi [/INST]', false, true).length;
    expect(counter.count('<s>[INST] Hi [/INST]')).toBe(inner + 1);
    const withAnswer = mistralTokenizer.encode('[INST] Hi [/INST] Yo', false, true).length;
    expect(counter.count('<s>[INST] Hi [/INST] Yo</s>')).toBe(withAnswer + 2);
    // Without the marker rule, "<s>" alone would be several SentencePiece pieces.
    expect(mistralTokenizer.encode('<s>', false, true).length).toBeGreaterThan(1);
  });

  it('counts with cl100k_base and o200k_base as published by OpenAI', () => {
    const cl100k = createTokenCounter('cl100k');
    const o200k = createTokenCounter('o200k');
    // tiktoken's README: "tiktoken is great!" is 6 cl100k tokens; "hello world" is 2 in both encodings.
    expect(cl100k.count('tiktoken is great!')).toBe(6);
    expect(cl100k.count('hello world')).toBe(2);
    expect(o200k.count('hello world')).toBe(2);
  });

  it('tells the tokenizers apart on longer text', () => {
    const text = 'SELECT c.name, SUM(o.total) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;';
    const counts = (['mistral', 'cl100k', 'o200k'] as const).map((name) => createTokenCounter(name).count(text));
    expect(counts.every((count) => count > 15 && count < text.length)).toBe(true);
    // SentencePiece on a 32k vocabulary splits SQL into more pieces than the larger BPE vocabularies.
    expect(counts[0]).toBeGreaterThan(counts[1]!);
  });

  it('does not treat special-token text in input as control tokens', () => {
    expect(createTokenCounter('cl100k').count('<|endoftext|>')).toBeGreaterThan(1);
  });
});
