import { viewTable } from '../catalog/catalog-view.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { DescribeTableArgumentsSchema, DescribeTableResultSchema } from '../schemas/mcp-tool-schema.js';
import { defineTool } from './mcp-tool.js';

/** Table names an unknown-table error lists at most. */
const listedTables = 100;

/** describe_table: one table's columns, types, descriptions and sample values, never a PII value. */
export const describeTableTool = defineTool({
  name: 'describe_table',
  title: 'Describe a table',
  description:
    'Shows one table of a source: each column\'s name, type, nullability, description and a few sample values, and the SQL dialect to write run_sql in. Columns marked pii: true hold personal data: no value of them is shown, and SQL reading them is refused.',
  arguments: DescribeTableArgumentsSchema,
  result: DescribeTableResultSchema,
  annotations: { idempotentHint: true },
  async run(input, { services, caller }) {
    const { catalog } = services;
    // A source that exists but is outside the key's scope is 403, as on the REST API; an unknown one 404.
    if (catalog.snapshot.sources.some((source) => source.name === input.source)) caller.scope.assertAllowed(input.source);
    const source = catalog.source(input.source, caller.scope);
    const table = source.tables.find((candidate) => candidate.name === input.table) ?? source.tables.find((candidate) => candidate.name.toLowerCase() === input.table.toLowerCase());
    if (table === undefined) {
      throw new SwitchyardError('SWY_ERR_NOT_FOUND', `Source "${source.name}" has no table "${input.table}"`, {
        details: { source: source.name, table: input.table, known: source.tables.slice(0, listedTables).map((candidate) => candidate.name) },
      });
    }
    const view = viewTable(table);
    const lines = view.columns.map((column) => {
      const notes = [column.type, column.nullable ? 'nullable' : 'not null', ...(column.pii ? ['PII: never readable'] : [])].join(', ');
      const samples = column.sampleValues?.length ? `; e.g. ${column.sampleValues.slice(0, 5).join(', ')}` : '';
      return `- ${column.name} (${notes})${column.description ? `: ${column.description}` : ''}${samples}`;
    });
    return {
      structured: { source: source.name, dialect: source.dialect, table: view },
      text: `${source.name}.${view.name} (${source.dialect} SQL)${view.description ? `: ${view.description}` : ''}\n${lines.join('\n')}`,
    };
  },
});
