import type { LanguageModelMessage } from '../language-model.js';

/**
 * Renders chat messages into the Mixtral / Mistral instruct template that TGI expects for a
 * text-generation endpoint:
 *
 *   <s>[INST] {system}\n\n{user 1} [/INST] {assistant 1}</s>[INST] {user 2} [/INST]
 *
 * The template has no system role, so system text is folded into the first user turn. Earlier
 * assistant turns are closed with `</s>`; the prompt ends with `[/INST]` so the model answers next.
 * A final assistant message is a prefill: it is left open so the model continues it.
 */
export function renderMixtralPrompt(messages: readonly LanguageModelMessage[]): string {
  const systemText = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content.trim())
    .filter((content) => content.length > 0)
    .join('\n\n');
  const turns = mergeConsecutiveRoles(messages.filter((message) => message.role !== 'system'));
  if (turns[0]?.role !== 'user') {
    // The template must open with an instruction; a lone system prompt becomes that instruction.
    turns.unshift({ role: 'user', content: '' });
  }

  let prompt = '<s>';
  let systemPending = systemText.length > 0;
  for (const [index, turn] of turns.entries()) {
    if (turn.role === 'user') {
      const content = systemPending ? joinNonEmpty(systemText, turn.content.trim()) : turn.content.trim();
      systemPending = false;
      prompt += `[INST] ${content} [/INST]`;
    } else {
      const isPrefill = index === turns.length - 1;
      prompt += isPrefill ? ` ${turn.content.trimStart()}` : ` ${turn.content.trim()}</s>`;
    }
  }
  return prompt;
}

/** One turn of the template, which has no system role. */
interface Turn {
  /** Who speaks; system text is folded into the first user turn. */
  role: 'user' | 'assistant';
  /** The turn's text. */
  content: string;
}

/** The template strictly alternates user and assistant, so same-role neighbours are joined. */
function mergeConsecutiveRoles(messages: readonly LanguageModelMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const previous = turns.at(-1);
    if (previous !== undefined && previous.role === role) {
      previous.content = joinNonEmpty(previous.content, message.content);
    } else {
      turns.push({ role, content: message.content });
    }
  }
  return turns;
}

function joinNonEmpty(first: string, second: string): string {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return `${first}\n\n${second}`;
}
