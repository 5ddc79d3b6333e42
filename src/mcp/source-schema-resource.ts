import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import { viewSource } from '../catalog/catalog-view.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { CatalogSnapshot } from '../catalog/catalog-types.js';
import type { McpCaller } from './mcp-caller.js';

/** The URI template of a source's schema. */
export const sourceSchemaUriTemplate = 'switchyard://sources/{source}/schema';

const sourceSchemaPattern = /^switchyard:\/\/sources\/([^/]+)\/schema$/;

/** The resource URI of a source's schema. */
export function sourceSchemaUri(source: string): string {
  return `switchyard://sources/${encodeURIComponent(source)}/schema`;
}

/** The source a schema URI names, or undefined when the URI is not one. */
export function sourceOfSchemaUri(uri: string): string | undefined {
  const match = sourceSchemaPattern.exec(uri);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** One schema resource per source the caller may query, as the catalog shows it now. */
export function listSourceSchemas(catalog: CatalogService, caller: McpCaller): Resource[] {
  const snapshot = catalog.snapshot;
  return snapshot.sources
    .filter((source) => caller.scope.allows(source.name))
    .map((source) => ({
      uri: sourceSchemaUri(source.name),
      name: `${source.name}-schema`,
      title: `Schema of ${source.name}`,
      description: `${source.description} (${source.tables.length} tables, ${source.dialect} SQL)`,
      mimeType: 'application/json',
      annotations: { audience: ['assistant', 'user'], lastModified: snapshot.builtAt },
    }));
}

/** A source's schema as GET /catalog shows it: tables, columns, types, descriptions, sample values (never PII), example questions. */
export function readSourceSchema(catalog: CatalogService, caller: McpCaller, source: string): string {
  // An unknown source is 404 listing only the caller's sources; another client's source is 403, as on REST.
  if (catalog.snapshot.sources.some((candidate) => candidate.name === source)) caller.scope.assertAllowed(source);
  return JSON.stringify(viewSource(catalog.source(source, caller.scope)), null, 2);
}

/** What the schema resources' list shows of a snapshot: its content version and each source's load state. */
function listingOf(snapshot: CatalogSnapshot): string {
  return JSON.stringify([snapshot.version, snapshot.builtAt, snapshot.sources.map((source) => [source.name, source.status.healthy])]);
}

/**
 * Calls `notify` after each catalog refresh or load-state change that changes what the schema
 * resources list or hold, so clients list and read them again (notifications/resources/list_changed).
 */
export function watchSourceSchemas(catalog: CatalogService, notify: () => void): void {
  let listed = catalog.isLoaded ? listingOf(catalog.snapshot) : undefined;
  catalog.onSnapshot((snapshot) => {
    const listing = listingOf(snapshot);
    if (listing === listed) return;
    listed = listing;
    // Listeners run just before the snapshot is served: tell clients once it is, so a re-read sees it.
    setImmediate(notify);
  });
}
