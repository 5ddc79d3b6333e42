/*
 * Route schemas are TypeBox schemas written inline, so Fastify validates and serializes with them and
 * handlers get their static types. A subschema with an `$id` is a named type of the API: the document
 * publishes it once under components/schemas and refers to it everywhere, so a client generator makes
 * one named type of it instead of an anonymous copy per use.
 */

type JsonValue = unknown;

function isRecord(value: JsonValue): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasId(value: JsonValue): value is Record<string, JsonValue> & { $id: string } {
  return isRecord(value) && typeof value.$id === 'string';
}

/**
 * A copy of `node` in which every schema with an `$id` (the root too, unless `keepRoot`) is replaced
 * by a reference to it (`{ $ref: '<id>#' }`), which @fastify/swagger resolves to its component.
 */
export function referenceNamedSchemas(node: JsonValue, keepRoot = false): JsonValue {
  if (Array.isArray(node)) return node.map((item) => referenceNamedSchemas(item));
  if (!isRecord(node)) return node;
  if (hasId(node) && !keepRoot) return { $ref: `${node.$id}#` };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, referenceNamedSchemas(value)]));
}

/** Every schema with an `$id` inside `node` (the root included), outermost first. */
export function namedSubschemas(node: JsonValue, found: Map<string, Record<string, JsonValue>> = new Map()): Map<string, Record<string, JsonValue>> {
  if (Array.isArray(node)) {
    for (const item of node) namedSubschemas(item, found);
    return found;
  }
  if (!isRecord(node)) return found;
  if (hasId(node)) {
    const known = found.get(node.$id);
    // Two different schemas under one name would make the document describe only one of them.
    if (known !== undefined && known !== node && JSON.stringify(known) !== JSON.stringify(node)) {
      throw new Error(`Two different schemas are named ${node.$id}`);
    }
    found.set(node.$id, node);
  }
  for (const value of Object.values(node)) namedSubschemas(value, found);
  return found;
}
