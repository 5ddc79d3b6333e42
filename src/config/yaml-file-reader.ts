import fs from 'node:fs/promises';
import { Lexer, LineCounter, parseDocument } from 'yaml';
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** Options for reading one YAML configuration file. */
export interface YamlReadOptions {
  /** Environment used for `${NAME}` and `${NAME:-default}` interpolation; omit to disable interpolation. */
  readonly environment?: NodeJS.ProcessEnv;
}

/** `${NAME}` or `${NAME:-default}`: how a YAML file reads a value from the environment. */
export const interpolationPattern = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g;

function interpolate(text: string, environment: NodeJS.ProcessEnv, file: string): string {
  return text.replace(interpolationPattern, (_match, name: string, fallback: string | undefined) => {
    const value = environment[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}: environment variable ${name} is not set`, {
      details: { file, variable: name },
    });
  });
}

/** Offset of the opening quote of a quoted scalar that never closes, if the text holds one. */
function unclosedQuoteOffset(raw: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(raw)) {
    const quote = token[0];
    if ((quote === '"' || quote === "'") && (token.length < 2 || !token.endsWith(quote))) return offset;
    offset += token.length;
  }
  return undefined;
}

/**
 * "must be one of duckdb, postgres, …" for a value outside a union of literals (a source's `kind`):
 * the checker reports "must be equal to constant" per literal, naming none of them (and stops after
 * a few), so the literals are read from the union in the schema the error points into.
 */
function allowedValuesRule(schema: TSchema, error: { keyword: string; schemaPath: string } | undefined): string | undefined {
  if (error?.keyword !== 'const') return undefined;
  const pointer = error.schemaPath.replace(/^#\//, '').split('/');
  if (pointer.at(-2) !== 'anyOf') return undefined;
  let node: unknown = schema;
  for (const segment of pointer.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[segment];
  if (!Array.isArray(node)) return undefined;
  const allowed = node.map((member: { const?: unknown }) => member.const);
  return allowed.every((value) => typeof value === 'string') ? `must be one of ${allowed.join(', ')}` : undefined;
}

/**
 * Reads, interpolates, parses and validates a YAML file. Every failure is a SWY_ERR_CONFIG_INVALID
 * naming the file and line, so an operator can fix a bad overlay without reading a stack trace.
 */
export async function readYamlFile<Schema extends TSchema>(
  file: string,
  schema: Schema,
  options: YamlReadOptions = {},
): Promise<Static<Schema>> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    // A missing or unreadable file is a configuration mistake to name, not a stack trace.
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist (check SWITCHYARD_CATALOG_DIR)' : (error as Error).message;
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}: ${reason}`, { details: { file }, cause: error });
  }
  // Interpolate values only, after parsing, so a secret containing YAML syntax cannot change the structure.
  const lineCounter = new LineCounter();
  const document = parseDocument(raw, { lineCounter, prettyErrors: true });
  const firstError = document.errors[0];
  if (firstError !== undefined) {
    // An unclosed quote swallows the rest of the file, so the parser reports it at the end; the
    // line an operator must fix is the one where the quote opens.
    const openedAt = firstError.code === 'MISSING_CHAR' ? unclosedQuoteOffset(raw) : undefined;
    const line = openedAt === undefined ? firstError.linePos?.[0]?.line : lineCounter.linePos(openedAt).line;
    // The parser's first line ends "at line N, column M:" before a code frame; the prefix names the line already.
    const message = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}${line ? `:${line}` : ''}: ${message}`, {
      details: { file, line },
    });
  }
  const environment = options.environment;
  const value: unknown =
    environment === undefined
      ? document.toJS()
      : JSON.parse(JSON.stringify(document.toJS()), (_key, item: unknown) =>
          typeof item === 'string' ? interpolate(item, environment, file) : item,
        );
  if (!Value.Check(schema, value)) {
    const errors = [...Value.Errors(schema, value)];
    const specific = errors.find((error) => error.keyword !== 'anyOf' && error.keyword !== 'boolean') ?? errors[0];
    const instancePath = specific?.instancePath ?? '';
    const segments = instancePath.split('/').filter(Boolean).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    let node = document.getIn(segments, true) as { range?: [number, number, number] } | undefined;
    while (node?.range === undefined && segments.length > 0) {
      segments.pop();
      node = document.getIn(segments, true) as { range?: [number, number, number] } | undefined;
    }
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    const where = instancePath === '' ? 'document' : instancePath;
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      `${file}${line ? `:${line}` : ''}: ${where} ${allowedValuesRule(schema, specific) ?? specific?.message ?? 'is invalid'}`,
      { details: { file, line, path: where } },
    );
  }
  return value as Static<Schema>;
}
