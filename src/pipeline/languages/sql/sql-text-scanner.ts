// Splits the SQL part of a model reply into statements without knowing the engine: quotes, comments
// and parentheses are tracked so a `;` or a blank line inside a literal never ends a statement. The guard
// still parses every statement with the engine's own grammar; this only decides where statements and
// prose begin and end, and whether the text stopped in the middle of something.

/** Where a scan ended when the text stopped inside a construct, for the cut-off check. */
export type OpenConstruct = 'string' | 'quoted-identifier' | 'comment' | 'parenthesis';

/** One statement found in a piece of reply text. */
export interface ScannedStatement {
  /** The statement, trimmed, without its `;`. */
  readonly text: string;
  /** True when a `;` or following prose ended it; false when it ran to the end of the scanned text. */
  readonly terminated: boolean;
  /** Set when the text ended inside a literal, identifier, comment or parenthesis. */
  readonly open: OpenConstruct | undefined;
}

/** How a scan reads quotes: MySQL (default sql_mode) escapes with a backslash, the standard doubles the quote. */
export interface ScanOptions {
  /** Whether `\'` inside a string is an escaped quote. */
  readonly backslashEscapes: boolean;
}

// Words a line may start with inside a statement; after a blank line, a line starting with any other
// word is the model explaining its answer.
const continuationWords = new Set(
  (
    'select with from where group order having limit offset fetch union intersect except minus join inner left right full ' +
    'outer cross natural on using and or not as case when then else end window qualify partition over values by asc desc ' +
    'nulls is in between like exists all any some distinct lateral recursive cast count sum avg min max coalesce'
  ).split(' '),
);

const closingQuote: Record<string, string> = { "'": "'", '"': '"', '`': '`' };

function isProseLine(line: string): boolean {
  const match = /^\s*\(?\s*([A-Za-z]+)/.exec(line);
  if (match === null) return false;
  const word = (match[1] as string).toLowerCase();
  if (continuationWords.has(word)) return false;
  // A column on a line of its own ("    name,") is SQL; prose has several words or ends a sentence.
  return /\s\S+\s\S+/.test(line.trim()) || /[.:]\s*$/.test(line);
}

interface ScanState {
  start: number;
  depth: number;
}

/**
 * Splits `text` at `;` outside quotes and comments, and ends a statement early where a blank line at
 * parenthesis depth 0 is followed by prose. Empty pieces are dropped.
 */
export function scanStatements(text: string, options: ScanOptions): ScannedStatement[] {
  const statements: ScannedStatement[] = [];
  const state: ScanState = { start: 0, depth: 0 };
  let index = 0;
  const push = (end: number, terminated: boolean, open: OpenConstruct | undefined) => {
    const piece = text.slice(state.start, end).trim();
    if (piece !== '') statements.push({ text: piece, terminated, open });
  };
  while (index < text.length) {
    const char = text[index] as string;
    const next = text[index + 1];
    if (char in closingQuote) {
      const end = findQuoteEnd(text, index, options);
      if (end < 0) {
        push(text.length, false, char === "'" ? 'string' : 'quoted-identifier');
        return statements;
      }
      index = end + 1;
    } else if (char === '-' && next === '-') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      if (end < 0) {
        push(text.length, false, 'comment');
        return statements;
      }
      index = end + 2;
    } else if (char === '(') {
      state.depth += 1;
      index += 1;
    } else if (char === ')') {
      state.depth = Math.max(0, state.depth - 1);
      index += 1;
    } else if (char === ';') {
      push(index, true, undefined);
      state.start = index + 1;
      state.depth = 0;
      index += 1;
    } else if (char === '\n' && state.depth === 0 && endsAtBlankLine(text, index)) {
      const proseEnd = skipProse(text, index);
      push(index, true, undefined);
      state.start = proseEnd;
      index = proseEnd;
    } else {
      index += 1;
    }
  }
  push(text.length, false, state.depth > 0 ? 'parenthesis' : undefined);
  return statements;
}

/** True when the newline at `index` starts a blank line followed by a line of prose. */
function endsAtBlankLine(text: string, index: number): boolean {
  const blank = /^\n[ \t]*\n\s*/.exec(text.slice(index));
  if (blank === null) return false;
  const lineStart = index + blank[0].length;
  const lineEnd = text.indexOf('\n', lineStart);
  return isProseLine(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
}

/** The offset of the first line after `index` that starts a statement again, or the end of the text. */
function skipProse(text: string, index: number): number {
  const pattern = /^[ \t]*(?:select|with)\b/gim;
  pattern.lastIndex = index;
  const match = pattern.exec(text);
  return match === null ? text.length : match.index;
}

function findQuoteEnd(text: string, start: number, options: ScanOptions): number {
  const quote = text[start] as string;
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && quote === "'" && options.backslashEscapes) {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (text[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index;
    }
    index += 1;
  }
  return -1;
}

/** `text` with markdown escapes (`\_`, `\*`) undone outside quotes: chat models escape them in prose. */
export function withoutMarkdownEscapes(text: string, options: ScanOptions): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char in closingQuote) {
      const end = findQuoteEnd(text, index, options);
      const stop = end < 0 ? text.length : end + 1;
      result += text.slice(index, stop);
      index = stop;
    } else if (char === '\\' && (text[index + 1] === '_' || text[index + 1] === '*')) {
      result += text[index + 1];
      index += 2;
    } else {
      result += char;
      index += 1;
    }
  }
  return result;
}
