import type { SqlDialect } from './sql-dialect.js';
import { quoteWithDoubleQuotes } from './quote-identifier.js';

/**
 * REST sources described by an OpenAPI document. They speak no SQL: the model plans one GET request
 * with prompts/generate-http-request.md, which carries the rules, so there are no dialect notes. The
 * dialect still names the source's language in the routing prompt and quotes catalog names.
 */
export const openApiDialect: SqlDialect = {
  name: 'openapi',
  displayName: 'HTTP GET request (OpenAPI)',
  promptNotesFile: '',
  quoteIdentifier: quoteWithDoubleQuotes,
};
