import { describe, expect, it } from 'vitest';
import { ServerSentEventDecoder } from '../../../src/llm/sagemaker/server-sent-event-decoder.js';

function events(...pieces: (string | Uint8Array)[]): string[] {
  const decoder = new ServerSentEventDecoder();
  const collected = pieces.flatMap((piece) => decoder.push(typeof piece === 'string' ? new TextEncoder().encode(piece) : piece));
  return [...collected, ...decoder.end()];
}

describe('ServerSentEventDecoder', () => {
  it('returns each event once its blank line arrives, however the frames split it', () => {
    const decoder = new ServerSentEventDecoder();
    const push = (text: string) => decoder.push(new TextEncoder().encode(text));
    expect(push('da')).toEqual([]);
    expect(push('ta: {"a":')).toEqual([]);
    expect(push('1}\n')).toEqual([]);
    expect(push('\ndata: [DO')).toEqual(['{"a":1}']);
    expect(push('NE]\n\n')).toEqual(['[DONE]']);
    expect(decoder.end()).toEqual([]);
  });

  it('keeps a character whose bytes arrive in two frames', () => {
    const encoded = new TextEncoder().encode('data: 8 798 €\n\n');
    const euro = encoded.indexOf(0xe2);
    expect(events(encoded.subarray(0, euro + 1), encoded.subarray(euro + 1))).toEqual(['8 798 €']);
  });

  it('joins multi-line data, accepts CRLF and skips comments and other fields', () => {
    expect(events(': keep-alive\r\n', 'event: delta\r\nid: 7\r\ndata: one\r\ndata:two\r\n\r\n')).toEqual(['one\ntwo']);
  });

  it('delivers a last event the server closed without a blank line, and nothing for an empty body', () => {
    expect(events('data: {"usage":1}\n\ndata: last')).toEqual(['{"usage":1}', 'last']);
    expect(events()).toEqual([]);
  });
});
