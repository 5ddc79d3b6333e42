import { withoutThinking } from './model-reply-text.js';

const tagPattern = /<sql>([\s\S]*?)(?:<\/sql>|$)/i;
const fencePattern = /```(?:sql)?\s*\n([\s\S]*?)(?:```|$)/i;

/**
 * Pulls the SQL out of a model reply: `<sql>…</sql>` (an unclosed tag is accepted, as models stop
 * early), else a ```sql fence. Returns undefined when neither is present; the caller treats that as a
 * failed attempt rather than guessing at free text.
 */
export function extractSql(reply: string): string | undefined {
  const answer = withoutThinking(reply);
  const match = tagPattern.exec(answer) ?? fencePattern.exec(answer);
  const sql = match?.[1]?.trim().replace(/;\s*$/, '').trim();
  return sql ? sql : undefined;
}
