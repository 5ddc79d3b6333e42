import { identifierText } from './portable-from-reader.js';

/* Reads the calls in node-sql-parser's loosely typed AST: a call's name, and calls that are really syntax. */

type AstNode = Record<string, unknown>;

/** Name parts of a function node, outermost first; undefined when the shape is unknown. */
export function functionNameParts(node: AstNode): string[] | undefined {
  const name = node.name;
  if (typeof name === 'string') return [name];
  if (name === null || typeof name !== 'object') return undefined;
  const record = name as AstNode;
  if (!Array.isArray(record.name)) return undefined;
  const parts = record.name.map(identifierText);
  if (parts.some((part) => part === undefined)) return undefined;
  const schema = identifierText(record.schema);
  return [...(schema === undefined ? [] : [schema]), ...(parts as string[])];
}

/**
 * node-sql-parser reads a FROM-less scalar subquery over a parenthesised expression, `(SELECT (x) - y)`,
 * as a call of a function named SELECT. The same tokens mean the same value either way, and its
 * arguments are walked like any call's. SELECT is reserved in every dialect this parser serves, so only
 * a quoted name could call a function of that name: an unquoted one is the keyword.
 */
export function isMisreadScalarSubquery(node: AstNode): boolean {
  if (node.type !== 'function') return false;
  const name = (node.name as { name?: { type?: string; value?: unknown }[] } | null | undefined)?.name;
  const only = Array.isArray(name) && name.length === 1 ? name[0] : undefined;
  return only?.type === 'default' && typeof only.value === 'string' && only.value.toUpperCase() === 'SELECT';
}
