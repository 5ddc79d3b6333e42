import { summarizeSource } from '../catalog/catalog-view.js';
import { SourcesResponseSchema } from '../schemas/catalog-schema.js';
import { NoArgumentsSchema } from '../schemas/mcp-tool-schema.js';
import { defineTool } from './mcp-tool.js';

/** list_sources: the sources the caller's key may query, as GET /sources lists them. */
export const listSourcesTool = defineTool({
  name: 'list_sources',
  title: 'List sources',
  description:
    'Lists the data sources this API key may query: name, kind, SQL dialect, what each holds, how many tables, and whether it is loaded. Start here, then search_catalog or describe_table, then ask or run_sql.',
  arguments: NoArgumentsSchema,
  result: SourcesResponseSchema,
  annotations: { idempotentHint: true },
  async run(_input, { services, caller }) {
    const sources = services.catalog.snapshot.sources.filter((source) => caller.scope.allows(source.name)).map(summarizeSource);
    const lines = sources.map(
      (source) => `- ${source.name} (${source.kind}, ${source.dialect} SQL, ${source.tableCount} tables${source.status.healthy ? '' : ', unavailable'}): ${source.description}`,
    );
    return { structured: { sources }, text: sources.length === 0 ? 'This key may query no source.' : `Sources:\n${lines.join('\n')}` };
  },
});
