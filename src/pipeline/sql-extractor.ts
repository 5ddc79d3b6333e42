const tagPattern = /<sql>([\s\S]*?)(?:<\/sql>|$)/i;
const fencePattern = /```(?:sql)?\s*\n([\s\S]*?)(?:```|$)/i;

/**
 * Pulls the SQL out of a model reply: `<sql>…</sql>` (an unclosed tag is accepted, as models stop
 * early), else a ```sql fence. Returns undefined when neither is present; the caller treats that as a
 * failed attempt rather than guessing at free text.
 */
export function extractSql(reply: string): string | undefined {
  const withoutThinking = reply.replace(/<thinking>[\s\S]*?<\/thinking>/gi, '');
  const match = tagPattern.exec(withoutThinking) ?? fencePattern.exec(withoutThinking);
  const sql = match?.[1]?.trim().replace(/;\s*$/, '').trim();
  return sql ? sql : undefined;
}
