import { describe, expect, it } from 'vitest';
import { cutCellForPrompt } from '../../src/rendering/prompt-cell-cutter.js';

describe('cells as prompts show them', () => {
  it('cuts text past 1,000 characters and says how long the value was', () => {
    const sequence = 'ACGT'.repeat(3000);
    expect(cutCellForPrompt(sequence)).toBe(`${sequence.slice(0, 1000)}… [value cut: 12000 characters in all]`);
  });

  it('never leaves half of a character at the cut', () => {
    const cut = cutCellForPrompt(`${'a'.repeat(999)}${'🙂'.repeat(10)}`) as string;
    expect(cut.startsWith(`${'a'.repeat(999)}…`)).toBe(true);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts a long list or structure by its JSON text', () => {
    const list = Array.from({ length: 500 }, (_unused, index) => `item-${index}`);
    const cut = cutCellForPrompt(list) as string;
    expect(cut.startsWith(JSON.stringify(list).slice(0, 1000))).toBe(true);
    expect(cut).toContain(`[value cut: ${JSON.stringify(list).length} characters in all]`);
  });

  it('leaves values of ordinary size as they are', () => {
    for (const value of ['a'.repeat(1000), 42, 12.5, null, undefined, true, { id: 1 }, ['x']]) expect(cutCellForPrompt(value)).toBe(value);
  });
});
