import type { ServiceConfig } from '../config/service-config.js';
import type { SourceConfig } from '../sources/source-config.js';

/** The tables a gold query reads of one source. */
export interface GoldSourceTables {
  /** Source name. */
  readonly source: string;
  /** Tables of that source the gold SQL reads. */
  readonly tables: readonly string[];
}

/** One benchmark question with the SQL that answers it. */
export interface EvalQuestion {
  /** Stable id within the suite (benchmark id or file#row). */
  readonly id: string;
  /** The question as a user would ask it (plus the benchmark's evidence or instructions, when it has them). */
  readonly question: string;
  /** Source (one per benchmark database) the gold SQL runs on. */
  readonly source: string;
  /** Gold SQL in the source's dialect. */
  readonly goldSql: string;
  /** Difficulty or category label used to break accuracy down. */
  readonly difficulty: string;
  /** Position in the benchmark's question file (0-based), which recorded prediction files follow. */
  readonly ordinal?: number;
  /** The benchmark's own id of the database, as prediction files name it. */
  readonly databaseId?: string;
  /** Every source the gold SQL reads, with its tables, when it reads more than one (a federated question); `source` is the first. */
  readonly goldSources?: readonly GoldSourceTables[];
  /** The source (of the suite's `scoringSources`) whose engine runs the gold SQL and re-runs the answer's SQL for scoring, when it is not `source`. */
  readonly scoringSource?: string;
}

/** A question that could not be run, with the reason printed in the report. */
export interface SkippedQuestion {
  /** Id or text of the question. */
  readonly id: string;
  /** Why it was skipped. */
  readonly reason: string;
  /** Position in the benchmark's question file, when it has one. */
  readonly ordinal?: number;
  /** The benchmark's id of the database it needs, when that is what is missing. */
  readonly databaseId?: string;
}

/** A source only the scorer reads, with the tables the answer's SQL may read there. */
export interface ExtraScoringSource {
  /** How to open it. */
  readonly config: SourceConfig;
  /** Its tables as the answer's SQL names them (`schema.table`). */
  readonly tables: readonly string[];
}

/** Everything one suite needs: sources for a generated catalog, questions, and what was skipped. */
export interface EvalSuite {
  /** Suite name (`seeds`, `spider`, `bird`, `defog`). */
  readonly name: string;
  /** Catalog folder to run the app on. */
  readonly catalogDirectory: string;
  /** The service config the suite's app is read from, with `environment` on top. */
  readonly config: ServiceConfig;
  /** Extra environment for the app (e.g. the demo data directory). */
  readonly environment: Record<string, string>;
  /** Questions to run, in benchmark order. */
  readonly questions: EvalQuestion[];
  /** Questions left out, with reasons. */
  readonly skipped: SkippedQuestion[];
  /** True when requests name the gold source (the benchmark gives the database), skipping chain 1. */
  readonly sourceGiven: boolean;
  /** Sources outside the app's catalog that only the scorer reads (an engine holding every table of a split database). */
  readonly scoringSources?: readonly ExtraScoringSource[];
  /** True when the suite's questions span sources, so the run also measures routing's federation recall. */
  readonly federated?: boolean;
  /** Removes temporary catalogs and databases. */
  cleanup(): Promise<void>;
}

/** Options every suite loader receives. */
export interface SuiteLoadOptions {
  /** The service config the command read: the app's settings, and the eval's own (PGHOST …). */
  readonly config: ServiceConfig;
  /** Folder holding spider/, bird/, defog/ (../shared/bench by default). */
  readonly benchRoot: string;
  /** Folder holding the seed texts (../shared/seeds by default). */
  readonly seedsRoot: string;
  /** Folder with BIRD's dev databases (`<db_id>/<db_id>.sqlite`), when the user has them. */
  readonly birdDatabases?: string;
  /** Questions to keep at most. */
  readonly limit?: number;
  /** Overrides whether requests name the gold source (`--routing given|catalog`). */
  readonly sourceGiven?: boolean;
  /** BIRD's question file: the full dev set (default) or Mini-Dev's 500 SQLite questions. */
  readonly birdQuestionSet?: BirdQuestionSet;
  /** When BIRD's databases folder is absent, skip every question as missing its database instead of failing. */
  readonly absentDatabasesSkipped?: boolean;
}

/** Which BIRD question file a run follows. */
export type BirdQuestionSet = 'dev' | 'mini-dev';

