import crypto from 'node:crypto';
import type { CatalogRelationship, CatalogSource } from './catalog-types.js';

/** JSON with object keys sorted at every level, so equal content always serialises alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The content hash that versions a snapshot: the same metadata gives the same version whichever
 * path built it (a fresh load or metadata kept from an earlier one), since a new version makes
 * every replica's routing rebuild its index and every cached SQL miss. Load state is left out.
 */
export function snapshotVersion(sources: CatalogSource[], relationships: readonly CatalogRelationship[] = []): string {
  const tables = sources.map(({ status: _status, ...rest }) => rest);
  // Without relationships the content (and so the version) is what it was before there were any.
  const content = relationships.length === 0 ? tables : { sources: tables, relationships };
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 16);
}
