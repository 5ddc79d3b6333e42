import { describe, expect, it } from 'vitest';
import { TgiContentHandler } from '../../../src/llm/sagemaker/tgi-content-handler.js';
import { caught } from '../caught-error.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const tokenLine = (text: string, details?: object) => `data:${JSON.stringify({ token: { id: 1, text, special: false }, details: details ?? null })}\n\n`;

describe('TgiContentHandler', () => {
  it('writes the TGI request body, with stream: true only when streaming', async () => {
    const decode = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body)) as unknown;
    expect(decode(await new TgiContentHandler(false).transformInput('<s>[INST] hi [/INST]', { max_new_tokens: 5 }))).toEqual({
      inputs: '<s>[INST] hi [/INST]',
      parameters: { max_new_tokens: 5 },
    });
    expect(decode(await new TgiContentHandler(true).transformInput('p', {}))).toEqual({ inputs: 'p', parameters: {}, stream: true });
  });

  it('reads a whole reply and keeps its token count and finish reason', async () => {
    const handler = new TgiContentHandler(false);
    expect(handler.finishReason).toBe('unknown');
    const text = await handler.transformOutput(bytes(JSON.stringify([{ generated_text: 'SELECT 1', details: { finish_reason: 'length', generated_tokens: 4 } }])));
    expect(text).toBe('SELECT 1');
    expect(handler).toMatchObject({ finishReason: 'length', generatedTokens: 4 });
  });

  it('reads token lines split across frames, a character split between two, and a last line without its blank line', async () => {
    const handler = new TgiContentHandler(true);
    const stream = bytes(tokenLine('8 798') + tokenLine(' €') + tokenLine(' done', { finish_reason: 'eos_token', generated_tokens: 3 }).trimEnd());
    const euro = stream.indexOf(0xe2);
    const frames = [stream.subarray(0, 9), stream.subarray(9, euro + 1), stream.subarray(euro + 1)];
    const texts = [];
    for (const frame of frames) texts.push(await handler.transformOutput(frame));
    expect(texts).toEqual(['', '8 798', ' €']);
    expect(handler.finishReason).toBe('unknown');
    expect(handler.finishStream()).toBe(' done');
    expect(handler).toMatchObject({ finishReason: 'stop', generatedTokens: 3 });
  });

  it('raises SWY_ERR_LLM_BAD_OUTPUT for a reply that is not TGI and SWY_ERR_LLM_FAILED for an error line', async () => {
    expect((await caught(new TgiContentHandler(false).transformOutput(bytes('<html>')))).code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
    expect((await caught(new TgiContentHandler(false).transformOutput(bytes('{"error":"x"}')))).code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
    const failed = await caught(new TgiContentHandler(true).transformOutput(bytes('data:{"error":"Input validation error: How many orders"}\n\n')));
    expect(failed).toMatchObject({ code: 'SWY_ERR_LLM_FAILED', isRetryable: false });
    expect(failed.message).not.toContain('orders');
  });
});
