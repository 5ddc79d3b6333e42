import { SearchCatalogArgumentsSchema, SearchCatalogResultSchema } from '../schemas/mcp-tool-schema.js';
import { defineTool } from './mcp-tool.js';

/** search_catalog: which tables hold something, with the scores routing's retrieval gives them. */
export const searchCatalogTool = defineTool({
  name: 'search_catalog',
  title: 'Search the catalog',
  description:
    'Finds the tables that hold something ("ticket prices by venue", "employee salaries"), ranked as Switchyard\'s routing ranks them before choosing a source: lexical retrieval over table and column names, descriptions and sample values. Returns sources with their matched tables and scores, best first (scores compare within one search only). Only sources this key may query are searched.',
  arguments: SearchCatalogArgumentsSchema,
  result: SearchCatalogResultSchema,
  annotations: { idempotentHint: true },
  async run(input, { services, caller }) {
    const candidates = services.search.search(input.query, caller.scope, input.limit ?? 10);
    const lines = candidates.flatMap((candidate) => [
      `${candidate.source} (score ${candidate.score}):`,
      ...candidate.tables.map((table) => `  - ${table.table} (score ${table.score}${table.reason === 'foreign-key' ? ', joins the matched tables' : ''})`),
    ]);
    return {
      structured: { query: input.query, method: 'lexical', candidates },
      text: candidates.length === 0 ? `No table of the sources this key may query matches "${input.query}".` : `Tables matching "${input.query}", best first:\n${lines.join('\n')}`,
    };
  },
});
