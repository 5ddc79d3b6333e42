import type { RoutingOutcome } from './schema-router.js';

/** The `routing` debug field of a /query response. */
export interface RoutingDebug {
  /** `lexical` or `lexical+embeddings`. */
  readonly method: string;
  /** False when the catalog was small enough to hand over whole. */
  readonly narrowed: boolean;
  /** Tokens of the candidate schema handed to chain 1. */
  readonly tokens: number;
  /** Candidate sources and tables with their scores, best first. */
  readonly candidates: { source: string; score: number; tables: { table: string; score: number; reason: string }[] }[];
  /** Why embeddings were skipped, when they failed. */
  readonly embeddingError?: string;
  /** The sources the question spans, when no one covers it (see RoutingOutcome). */
  readonly spansSources?: string[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Shapes a routing outcome for the response so routing mistakes can be understood. */
export function routingDebug(outcome: RoutingOutcome): RoutingDebug {
  return {
    method: outcome.method,
    narrowed: outcome.narrowed,
    tokens: outcome.candidates.tokens,
    candidates: outcome.candidates.sources.map((source) => ({
      source: source.source,
      score: round(source.score),
      tables: source.tables.map((table) => ({ table: table.table, score: round(table.score), reason: table.reason })),
    })),
    ...(outcome.embeddingError ? { embeddingError: outcome.embeddingError } : {}),
    ...(outcome.spansSources ? { spansSources: outcome.spansSources } : {}),
  };
}
