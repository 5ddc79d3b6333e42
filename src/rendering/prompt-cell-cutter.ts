/**
 * Longest text of one cell a prompt carries. No question needs more of a single value than this to be
 * answered or a query written, and one value of 12,000 letters (a DNA sequence, a document, a blob
 * rendered as text) would otherwise fill a prompt on its own and cost every step that counts it.
 */
const maxPromptCellCharacters = 1000;

/**
 * A result or sample cell as a prompt shows it: text longer than `maxPromptCellCharacters` is cut,
 * with a marker saying so, so the model knows it saw the start of the value and not all of it.
 * Other values are returned as they are, for the CSV renderer to write.
 */
export function cutCellForPrompt(value: unknown): unknown {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? JSON.stringify(value) : undefined;
  if (text === undefined || text.length <= maxPromptCellCharacters) return value;
  // Never end on the first half of a surrogate pair, which would leave a broken character.
  const lastKept = text.charCodeAt(maxPromptCellCharacters - 1);
  const end = lastKept >= 0xd800 && lastKept <= 0xdbff ? maxPromptCellCharacters - 1 : maxPromptCellCharacters;
  return `${text.slice(0, end)}… [value cut: ${text.length} characters in all]`;
}
