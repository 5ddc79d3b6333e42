import type { Static, TSchema } from 'typebox';
import type { SourceDialectName } from '../dialects/sql-dialect.js';
import type { ConnectorSource } from './connector-source.js';
import type { Connector, RequestLanguage } from './connector.js';

/**
 * One source kind as the rest of the service sees it: the `kind:` value, the `connection:` settings
 * it accepts, what the model writes for it and how its connector is built. Each kind folder exports
 * one of these and `connector-registry.ts` lists it; the sources-file schema and `createConnector`
 * read nothing else, so a new kind that reuses a dialect touches no other folder.
 */
export interface ConnectorModule<Kind extends string = string, ConnectionSchema extends TSchema = TSchema> {
  /** The `kind:` value in the sources file. */
  readonly kind: Kind;
  /** TypeBox schema of the `connection:` settings a source of this kind accepts. */
  readonly connectionSchema: ConnectionSchema;
  /** The dialect the model writes for this kind (`openapi` for sources queried with planned GET requests). */
  readonly dialect: SourceDialectName;
  /** What the connector's `execute` takes: SQL text, or request text of one HTTP GET. */
  readonly requestLanguage: RequestLanguage;
  /** Builds the connector for one configured source; nothing connects until first use. */
  create(source: ConnectorSource<Static<ConnectionSchema>>): Connector;
}
