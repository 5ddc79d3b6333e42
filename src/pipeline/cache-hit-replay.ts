import { clientConversations, type ConversationStore } from '../conversation/conversation-store.js';
import { requireLastTurn } from '../conversation/last-turn-reader.js';
import type { QueryRecordStore } from '../conversation/query-record-store.js';
import { recordTurn } from '../conversation/turn-recorder.js';
import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import type { Replayable } from './answer-cache.js';

/** Where a replayed answer is recorded as a turn of its own. */
export interface ReplayStores {
  /** Conversation memory, when configured. */
  readonly conversations?: ConversationStore | undefined;
  /** Recent queries for downloads, when configured. */
  readonly queryRecords?: QueryRecordStore | undefined;
}

/**
 * An answer from the cache, or from an identical question answered meanwhile, without the model or
 * the source: the stage events a live run would have sent (so streams and metrics see the same
 * shape), one attempt, zero usage and only the total time. It is a new turn like any answer: it
 * continues the conversation the request names (a question that stands alone may be asked in one) or
 * starts one the client can follow up on, and registers its own `rows.csv` download, or the client
 * would lose both on every repeated question.
 */
export async function replayAnswer(
  stores: ReplayStores,
  replayable: Replayable,
  request: QueryRequest,
  run: { readonly client?: string | undefined; readonly observer?: PipelineObserver | undefined; readonly started: number },
): Promise<QueryResponse> {
  const { queryId: _query, conversationId: _conversation, ...reusable } = replayable.response;
  const { download } = replayable;
  const conversations = stores.conversations && clientConversations(stores.conversations, run.client);
  // The named conversation must exist whether or not the cache answers, or a hit would hide an expired id.
  if (conversations !== undefined && request.conversationId !== undefined) await requireLastTurn(conversations, request.conversationId);
  const turn = await recordTurn(
    { conversations, queryRecords: stores.queryRecords },
    {
      conversationId: request.conversationId,
      standaloneQuestion: reusable.standaloneQuestion ?? request.question,
      source: reusable.source,
      allowedTables: download?.allowedTables ?? [],
      sql: reusable.sql,
      modelSql: download?.modelSql,
      columns: reusable.columns,
      rows: reusable.rows,
      executed: true,
      client: run.client,
    },
  );
  run.observer?.onRoute?.({ source: reusable.source, tables: reusable.tables });
  run.observer?.onAttempt?.({ sql: reusable.sql, attempt: 1 });
  run.observer?.onRows?.({ columns: reusable.columns, rows: reusable.rows, truncated: reusable.truncated });
  const totalMs = Math.round((performance.now() - run.started) * 10) / 10;
  return {
    ...reusable,
    attempts: [{ sql: reusable.sql }],
    usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 },
    timings: { routeMs: 0, generateMs: 0, guardMs: 0, executeMs: 0, explainMs: 0, llmMs: 0, totalMs },
    cache: 'hit',
    conversationId: turn.conversationId,
    ...(turn.queryId === undefined ? {} : { queryId: turn.queryId }),
  };
}
