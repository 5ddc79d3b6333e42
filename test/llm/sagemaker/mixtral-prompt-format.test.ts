import { describe, expect, it } from 'vitest';
import { renderMixtralPrompt } from '../../../src/llm/sagemaker/mixtral-prompt-format.js';

describe('renderMixtralPrompt', () => {
  it('renders a single user turn', () => {
    expect(renderMixtralPrompt([{ role: 'user', content: 'Hi' }])).toBe('<s>[INST] Hi [/INST]');
  });

  it('folds system text into the first user turn only', () => {
    expect(
      renderMixtralPrompt([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'A1' },
        { role: 'user', content: 'Q2' },
      ]),
    ).toBe('<s>[INST] Be brief.\n\nQ1 [/INST] A1</s>[INST] Q2 [/INST]');
  });

  it('closes every earlier assistant turn with </s>', () => {
    const prompt = renderMixtralPrompt([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
      { role: 'assistant', content: 'A2' },
      { role: 'user', content: 'Q3' },
    ]);
    expect(prompt).toBe('<s>[INST] Q1 [/INST] A1</s>[INST] Q2 [/INST] A2</s>[INST] Q3 [/INST]');
  });

  it('merges consecutive same-role messages so turns alternate', () => {
    expect(
      renderMixtralPrompt([
        { role: 'user', content: 'Schema: t(a)' },
        { role: 'user', content: 'Question: count t' },
      ]),
    ).toBe('<s>[INST] Schema: t(a)\n\nQuestion: count t [/INST]');
  });

  it('leaves a final assistant message open as a prefill', () => {
    expect(
      renderMixtralPrompt([
        { role: 'user', content: 'Write SQL' },
        { role: 'assistant', content: 'SELECT' },
      ]),
    ).toBe('<s>[INST] Write SQL [/INST] SELECT');
  });

  it('turns a lone system prompt into the instruction', () => {
    expect(renderMixtralPrompt([{ role: 'system', content: 'Say OK.' }])).toBe('<s>[INST] Say OK. [/INST]');
  });
});
