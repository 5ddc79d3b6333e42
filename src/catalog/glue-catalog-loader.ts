import {
  GetDatabasesCommand,
  GetTablesCommand,
  GlueClient,
  type GlueClientConfig,
  type Column,
  type Database,
  type GetDatabasesCommandInput,
  type GetDatabasesCommandOutput,
  type GetTablesCommandInput,
  type GetTablesCommandOutput,
  type Table,
} from '@aws-sdk/client-glue';
import type { GlueCatalogConfig } from '../sources/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { IntrospectedColumn } from '../connectors/connector.js';

/** The two Glue calls the loader needs: a structural subset so tests and fakes stay small. */
export interface GlueMetadataClient {
  /** GetDatabases (one page). */
  getDatabases(input: GetDatabasesCommandInput): Promise<GetDatabasesCommandOutput>;
  /** GetTables (one page). */
  getTables(input: GetTablesCommandInput): Promise<GetTablesCommandOutput>;
}

/** A table as the Glue Data Catalog describes it. */
export interface GlueTable {
  /** Table name. */
  readonly name: string;
  /** Table description. */
  readonly comment?: string;
  /** Data columns then partition keys (Athena exposes both as columns). */
  readonly columns: IntrospectedColumn[];
  /** Partition key names. */
  readonly partitionKeys: string[];
  /** classification, location, table type, connection and the Glue database. */
  readonly parameters: Record<string, string>;
}

/** Glue tables per configured source. */
export type GlueSourceTables = Map<string, GlueTable[]>;

/** A Glue client from configuration; credentials come from the AWS default chain unless `overrides` gives them. */
export function createGlueMetadataClient(config: GlueCatalogConfig, overrides: GlueClientConfig = {}): GlueMetadataClient {
  const client = new GlueClient({ ...(config.region ? { region: config.region } : {}), ...(config.endpoint ? { endpoint: config.endpoint } : {}), ...overrides });
  return {
    getDatabases: (input) => client.send(new GetDatabasesCommand(input)),
    getTables: (input) => client.send(new GetTablesCommand(input)),
  };
}

function toColumn(column: Column): IntrospectedColumn {
  return { name: column.Name ?? '', type: (column.Type ?? 'string').toLowerCase(), nullable: true, ...(column.Comment ? { comment: column.Comment } : {}) };
}

function connectionOf(database: Database | undefined): string | undefined {
  return database?.FederatedDatabase?.ConnectionName ?? database?.Parameters?.connection ?? database?.TargetDatabase?.DatabaseName;
}

function toGlueTable(table: Table, database: Database | undefined): GlueTable {
  const partitionKeys = (table.PartitionKeys ?? []).map(toColumn);
  const parameters: Record<string, string> = { glueDatabase: table.DatabaseName ?? database?.Name ?? '' };
  const classification = table.Parameters?.classification ?? table.StorageDescriptor?.Parameters?.classification;
  if (classification) parameters.classification = classification;
  if (table.StorageDescriptor?.Location) parameters.location = table.StorageDescriptor.Location;
  if (table.TableType) parameters.tableType = table.TableType;
  const connection = connectionOf(database);
  if (connection) parameters.connection = connection;
  return {
    name: table.Name ?? '',
    ...(table.Description ? { comment: table.Description } : {}),
    columns: [...(table.StorageDescriptor?.Columns ?? []).map(toColumn), ...partitionKeys],
    partitionKeys: partitionKeys.map((column) => column.name),
    parameters,
  };
}

/** Follows NextToken until the last page. */
async function allPages<Page extends { NextToken?: string | undefined }>(fetchPage: (token: string | undefined) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    pages.push(page);
    token = page.NextToken;
  } while (token);
  return pages;
}

/**
 * Loads the configured Glue databases (GetDatabases, then GetTables per database, both paginated)
 * and groups their tables by the source each database describes. Any failed call fails the whole
 * load, so the caller keeps the last good metadata rather than serving half a catalog.
 */
export async function loadGlueCatalog(client: GlueMetadataClient, config: GlueCatalogConfig): Promise<GlueSourceTables> {
  const catalogId = config.catalogId ? { CatalogId: config.catalogId } : {};
  const databasePages = await allPages((token) => client.getDatabases({ ...catalogId, ...(token ? { NextToken: token } : {}) }));
  const databases = new Map(databasePages.flatMap((page) => page.DatabaseList ?? []).map((database) => [database.Name ?? '', database]));
  const result: GlueSourceTables = new Map();
  for (const mapping of config.databases) {
    const database = databases.get(mapping.database);
    if (database === undefined) {
      throw new SwitchyardError('SWY_ERR_CATALOG_LOAD_FAILED', `Glue has no database "${mapping.database}" (configured for source "${mapping.source}")`, {
        details: { database: mapping.database, source: mapping.source },
      });
    }
    const tablePages = await allPages((token) => client.getTables({ ...catalogId, DatabaseName: mapping.database, ...(token ? { NextToken: token } : {}) }));
    const tables = tablePages.flatMap((page) => page.TableList ?? []).map((table) => toGlueTable(table, database));
    result.set(mapping.source, [...(result.get(mapping.source) ?? []), ...tables]);
  }
  return result;
}
