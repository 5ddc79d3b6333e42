// Models may think aloud before answering; that text can hold stray braces or draft tags, so every
// reader of a reply drops it before looking for the answer.
const thinkingPattern = /<thinking>[\s\S]*?<\/thinking>/gi;

/** The reply without its `<thinking>…</thinking>` blocks. */
export function withoutThinking(reply: string): string {
  return reply.replace(thinkingPattern, '');
}

/** A JSON value read from a reply, or why none could be read; callers word the problem for their prompt. */
export type JsonObjectReading = { kind: 'parsed'; value: unknown } | { kind: 'missing' } | { kind: 'unparsable'; message: string };

/**
 * Parses the text between the first `{` and the last `}`: models wrap JSON in prose or fences, and
 * the outermost braces are the one boundary they reliably keep.
 */
export function readJsonObject(text: string): JsonObjectReading {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { kind: 'missing' };
  try {
    return { kind: 'parsed', value: JSON.parse(text.slice(start, end + 1)) as unknown };
  } catch (error) {
    return { kind: 'unparsable', message: error instanceof Error ? error.message : String(error) };
  }
}
