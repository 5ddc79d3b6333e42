import { withoutThinking } from '../../model-reply-text.js';
import { scanStatements, withoutMarkdownEscapes, type ScannedStatement, type ScanOptions } from './sql-text-scanner.js';

/**
 * What a model reply holds: no SQL, exactly one statement, or several (alternatives the model could not
 * choose between, or a query stacked with something else). Several are never narrowed to one here:
 * the pipeline asks the model to choose.
 */
export type SqlExtraction =
  | {
      /** The reply holds no SQL. */
      readonly kind: 'none';
    }
  | {
      /** The reply holds one statement. */
      readonly kind: 'statement';
      /** The statement, without its `;`. */
      readonly sql: string;
      /** False when the reply ended inside its `<sql>` tag or fence, or, bare, without `;`: the reply may have been cut off there. */
      readonly closed: boolean;
      /** Why the statement text itself looks unfinished (inside a literal, a dangling AND), when it runs to the end of the reply. */
      readonly cutOff: string | undefined;
    }
  | {
      /** The reply holds more than one statement. */
      readonly kind: 'several';
      /** Every statement, in order. */
      readonly statements: string[];
    };

/**
 * How the generation ended, as far as the caller knows; decides what an unclosed tag or fence means.
 * `finished`: the model ended on its own or at a stop sequence; `unknown`: the server did not say.
 */
export type GenerationEnding = 'unknown' | 'finished';

// `<sql>` tags win over fences, fences over bare SQL: a model that used a container meant its content.
const tagPattern = /<sql>([\s\S]*?)(<\/sql>|$)/gi;
// An opening fence: three backticks at a line start, any label (```SQLite, ```postgresql) and a newline.
const fencePattern = /^[ \t]*```[ \t]*[\w+-]*[ \t]*\r?\n([\s\S]*?)(^[ \t]*```|$(?![\s\S]))/gm;
// SELECT, or WITH opening a common table expression ("With this query…" is prose).
const statementStart = /^[ \t]*\(*[ \t]*(?:select\b|with\s+(?:recursive\s+)?[\w"`[\]]+\s*(?:\([^)]*\)\s*)?as\b)/im;
const statementVerbs = (
  'select with values table insert update delete merge drop create alter truncate grant revoke set call exec execute copy load ' +
  'attach pragma replace do use show explain lock unlock kill begin commit rollback'
).split(' ');
const statementWords = new RegExp(`^\\(*\\s*(?:${statementVerbs.join('|')})\\b`, 'i');
// A statement that ends with one of these was stopped before its end.
const danglingEnding =
  /(?:[,(=<>+\-*/|%.]|\b(?:and|or|not|where|from|join|on|select|by|having|as|in|between|like|case|when|then|else|union|all|distinct|is|with|limit|offset|inner|left|right|outer|cross|full|except|intersect|group|order|set|into|over|partition))\s*$/i;

interface Region {
  readonly text: string;
  readonly closed: boolean;
}

// Fence lines inside a tag ("<sql>```sql … ```</sql>") are markup, not SQL.
const fenceLine = /^[ \t]*```[\w+-]*[ \t]*$/gm;

function containerRegions(answer: string, pattern: RegExp, holdsSql: (text: string) => boolean): Region[] {
  return [...answer.matchAll(pattern)]
    .map((match) => ({ text: (match[1] ?? '').replace(fenceLine, ''), closed: (match[2] ?? '') !== '' }))
    .filter((region) => holdsSql(region.text));
}

// Whatever a model puts in <sql> tags it means as SQL, so the guard judges it; a fence may hold prose.
const anyText = (text: string) => text.trim() !== '';
const startsLikeSql = (text: string) => statementStart.test(text) || statementWords.test(text.trim());

/** The reply's SQL regions: its `<sql>` tags, else its fences holding SQL, else the text from the first SELECT or WITH. */
function sqlRegions(answer: string): { regions: Region[]; bare: boolean } {
  const tags = containerRegions(answer, tagPattern, anyText);
  if (tags.length > 0) return { regions: tags, bare: false };
  const fences = containerRegions(answer, fencePattern, startsLikeSql);
  if (fences.length > 0) return { regions: fences, bare: false };
  const start = statementStart.exec(answer);
  if (start === null) return { regions: [], bare: true };
  // A fence after bare SQL (a stray closing one, or one opening the explanation) ends it.
  const rest = answer.slice(start.index);
  const fence = /^[ \t]*```/m.exec(rest);
  return { regions: [{ text: fence === null ? rest : rest.slice(0, fence.index), closed: fence !== null }], bare: true };
}

// Outside a container, another verb starts a statement only in capitals: "Replace X with…" is prose.
const upperCaseVerb = new RegExp(`^[ \\t]*\\(*\\s*(?:${statementVerbs.map((verb) => verb.toUpperCase()).join('|')})\\b`, 'm');

/** A bare piece from its first line that starts a statement: what comes before is prose ("Or, alternatively:"). */
function fromFirstStatementLine(statement: ScannedStatement): ScannedStatement | undefined {
  const starts = [statementStart.exec(statement.text)?.index, upperCaseVerb.exec(statement.text)?.index].filter((index) => index !== undefined);
  if (starts.length === 0) return undefined;
  return { ...statement, text: statement.text.slice(Math.min(...starts)).trim() };
}

function scanRegion(region: Region, bare: boolean, options: ScanOptions): ScannedStatement[] {
  const statements = scanStatements(region.text, options);
  if (!bare) return statements;
  return statements.map(fromFirstStatementLine).filter((statement) => statement !== undefined);
}

function scanAll(regions: Region[], bare: boolean, options: ScanOptions): ScannedStatement[] {
  return regions.flatMap((region) => scanRegion(region, bare, options));
}

/**
 * Reads the statements with the standard quote rule, and with MySQL's backslash escapes when the
 * standard reading leaves a literal open and the other does not (`'Ancestor\'s Chosen'`).
 */
function readStatements(regions: Region[], bare: boolean): { statements: ScannedStatement[]; options: ScanOptions } {
  const standard: ScanOptions = { backslashEscapes: false };
  const statements = scanAll(regions, bare, standard);
  if (!statements.some((statement) => statement.open === 'string')) return { statements, options: standard };
  const mysql: ScanOptions = { backslashEscapes: true };
  const escaped = scanAll(regions, bare, mysql);
  return escaped.some((statement) => statement.open === 'string') ? { statements, options: standard } : { statements: escaped, options: mysql };
}

function cutOffReason(statement: ScannedStatement, region: Region): string | undefined {
  // A closed tag or fence holds what the model meant to write; wrong SQL there is the guard's to refuse.
  if (statement.terminated || region.closed) return undefined;
  if (statement.open === 'parenthesis') return 'it ends with a parenthesis still open';
  if (statement.open !== undefined) return `it ends inside a ${statement.open === 'quoted-identifier' ? 'quoted identifier' : statement.open}`;
  const dangling = danglingEnding.exec(statement.text);
  return dangling === null ? undefined : `it ends with "${dangling[0].trim()}"`;
}

/**
 * Pulls the SQL out of a model reply, whatever its shape: `<sql>` tags, fences with any label, bare
 * SQL with prose before or after, a stray closing fence, markdown escapes (`player\_name`).
 */
export function extractSql(reply: string): SqlExtraction {
  const answer = withoutThinking(reply);
  const { regions, bare } = sqlRegions(answer);
  const { statements, options } = readStatements(regions, bare);
  const texts = [...new Set(statements.map((statement) => withoutMarkdownEscapes(statement.text, options)))];
  if (texts.length === 0) return { kind: 'none' };
  // The same statement written twice (inside and after a fence) is still one statement.
  if (texts.length > 1) return { kind: 'several', statements: texts };
  const last = statements.at(-1) as ScannedStatement;
  const lastRegion = regions.at(-1) as Region;
  return { kind: 'statement', sql: texts[0] as string, closed: last.terminated || lastRegion.closed, cutOff: cutOffReason(last, lastRegion) };
}

/**
 * Why a single extracted statement must not run as if complete, or undefined when it may go to the
 * guard. With an unknown ending, a reply that stopped inside its tag or fence may have hit the token
 * limit; after a finished generation, only a statement that stops mid-construct is unfinished.
 */
export function incompleteReason(extraction: SqlExtraction & { kind: 'statement' }, ending: GenerationEnding): string | undefined {
  if (extraction.cutOff !== undefined) return `The reply was cut off before the SQL was complete: ${extraction.cutOff}.`;
  if (ending === 'unknown' && !extraction.closed) {
    return 'The reply ended before the SQL was closed (no </sql> after it): it may have been cut off at the output limit.';
  }
  return undefined;
}
