import type { SourceDialectName } from '../dialects/sql-dialect.js';
import type { SourceStatus } from '../sources/source-status.js';

/** A column as the catalog knows it: introspected type plus curated description and sample values. */
export interface CatalogColumn {
  /** Column name. */
  readonly name: string;
  /** Engine type, lower-case. */
  readonly type: string;
  /** Whether the column accepts NULL. */
  readonly nullable: boolean;
  /** Curated or engine-side description. */
  readonly description?: string;
  /** A few distinct example values, rendered as strings. */
  readonly sampleValues?: string[];
  /** Every distinct value of a low-cardinality column (e.g. status codes), rendered as strings. */
  readonly distinctValues?: string[];
  /** What coded values mean (overlay), e.g. `{ "1": "fraudulent" }`. */
  readonly valueMeanings?: Record<string, string>;
  /** Personal data: never sampled, never shown in prompts or responses beyond its name and type. */
  readonly pii?: boolean;
}

/** A table of one source. */
export interface CatalogTable {
  /** Table name as written in SQL. */
  readonly name: string;
  /** Curated or engine-side description. */
  readonly description?: string;
  /** Columns in ordinal order. */
  readonly columns: CatalogColumn[];
  /** Up to three sample rows aligned with `columns` (JSON-safe values). */
  readonly sampleRows: unknown[][];
  /** Foreign keys to other tables of the same source. */
  readonly foreignKeys: { column: string; referencedTable: string; referencedColumn: string }[];
  /** Other names people use for this table (overlay), searched by routing. */
  readonly synonyms?: string[];
  /** Partition key columns (Glue / Hive tables). */
  readonly partitionKeys?: string[];
  /** Engine or Glue table parameters worth showing, e.g. classification and location. */
  readonly parameters?: Record<string, string>;
}

/** A function an operator allowed for one source, with the reason they gave. */
export interface AllowedFunction {
  /** Name as queries call it, schema-qualified where it lives outside the built-ins. */
  readonly name: string;
  /** Why it is safe: it reads no other relation, changes nothing and runs no SQL text. */
  readonly reason: string;
}

/** A business term and what it means (overlay), searched by routing. */
export interface GlossaryEntry {
  /** The term as people say it. */
  readonly term: string;
  /** Its definition. */
  readonly definition: string;
  /** Tables that hold it, when known. */
  readonly tables?: string[];
}

/** A question with the SQL that answers it, used as a few-shot example. */
export interface FewShotExample {
  /** The question in plain English. */
  readonly question: string;
  /** SQL in the source's dialect. */
  readonly sql: string;
}

/** A question only several sources answer together, with DuckDB SQL over source-qualified names (`hr.employees`). */
export interface CrossSourceExample {
  /** The question in plain English. */
  readonly question: string;
  /** The sources the answer needs. */
  readonly sources: string[];
  /** DuckDB SQL joining the sources' tables by their source-qualified names. */
  readonly sql: string;
}

/** One source with everything the prompts need. */
export interface CatalogSource {
  /** Source name. */
  readonly name: string;
  /** Connector kind. */
  readonly kind: string;
  /** SQL dialect. */
  readonly dialect: SourceDialectName;
  /** One-line domain description used by routing. */
  readonly description: string;
  /** Tables visible through this source. */
  readonly tables: CatalogTable[];
  /** Curated few-shot examples. */
  readonly examples: FewShotExample[];
  /** Questions this source answers only together with others (overlay); never used as its own few-shots. */
  readonly crossSourceExamples?: CrossSourceExample[];
  /** Business glossary (overlay). */
  readonly glossary?: GlossaryEntry[];
  /** Where the metadata came from, e.g. `introspection` or `glue`. */
  readonly origin?: string;
  /** Functions the overlay allows for this source beyond the dialect's vetted list. */
  readonly allowedFunctions?: AllowedFunction[];
  /** Load state. */
  readonly status: SourceStatus;
}

/** A column of one source, named the way overlays write it: `source.table.column`. */
export interface ColumnReference {
  /** Source name. */
  readonly source: string;
  /** Table name as written in SQL. */
  readonly table: string;
  /** Column name. */
  readonly column: string;
}

/** Why the catalog suggests a relationship nobody declared. */
export interface RelationshipEvidence {
  /** How the names match: the same name, one ending with the other, or a table-qualified key (`employee_id` → `employees.id`). */
  readonly nameMatch: 'same-name' | 'suffix' | 'table-qualified';
  /** Share of the sampled `from` values found in the `to` column, 0 to 1. */
  readonly containment: number;
  /** How many distinct `from` values were sampled. */
  readonly sampledValues: number;
}

/**
 * A join key between two sources: `from` holds values of `to` (many claims → one employee). Declared
 * in an overlay, or suggested at catalog build from matching names, compatible types and the
 * sampled values of `from` found in `to`, a column whose values are unique.
 */
export interface CatalogRelationship {
  /** The referencing column. */
  readonly from: ColumnReference;
  /** The referenced column. */
  readonly to: ColumnReference;
  /** `declared` in an overlay, or `suggested` by the catalog. */
  readonly origin: 'declared' | 'suggested';
  /** What the relationship means (declared ones, from the overlay). */
  readonly description?: string;
  /** What a suggestion rests on. */
  readonly evidence?: RelationshipEvidence;
}

/** An immutable, versioned view of all sources. */
export interface CatalogSnapshot {
  /** Content hash of the metadata; changes whenever anything a prompt could see changes. */
  readonly version: string;
  /** When this snapshot was built (ISO-8601). */
  readonly builtAt: string;
  /** Sources in configuration order. */
  readonly sources: CatalogSource[];
  /** Join keys between sources, declared ones first; absent in snapshots persisted before there were any. */
  readonly relationships?: CatalogRelationship[];
}
