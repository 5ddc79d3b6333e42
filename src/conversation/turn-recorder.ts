import { randomUUID } from 'node:crypto';
import { proposeChart, type ChartProposal } from '../charts/chart-proposer.js';
import type { ResultColumn } from '../connectors/connector.js';
import type { ConversationStore } from './conversation-store.js';
import type { QueryRecordStore } from './query-record-store.js';

/** What one answered question leaves behind. */
export interface FinishedTurn {
  /** Conversation id from the request, or undefined to start a new conversation. */
  readonly conversationId: string | undefined;
  /** The question as answered (standalone after a follow-up rewrite). */
  readonly standaloneQuestion: string;
  /** The routed source. */
  readonly source: string;
  /** Tables the question was allowed to read. */
  readonly allowedTables: string[];
  /** The SQL that ran. */
  readonly sql: string;
  /** The statement as the model wrote it, before the guard capped its rows; absent where no download is offered. */
  readonly modelSql: string | undefined;
  /** Result columns, empty for dry runs. */
  readonly columns: ResultColumn[];
  /** Result rows, empty for dry runs. */
  readonly rows: unknown[][];
  /** Whether the SQL ran. */
  readonly executed: boolean;
  /** Client name of the API key that asked, the only one its download is served to; undefined when auth is off. */
  readonly client: string | undefined;
}

/** The response fields a finished turn adds. */
export interface TurnFields {
  /** The conversation to pass back for follow-ups. */
  conversationId: string;
  /** The standalone question that was answered. */
  standaloneQuestion: string;
  /** Id for `GET /query/{id}/rows.csv`; absent for dry runs. */
  queryId?: string;
  /** A proposed chart, or null. */
  chart: ChartProposal | null;
}

/** Saves the turn for follow-ups, registers the query for download, and proposes a chart. */
export async function recordTurn(
  stores: { conversations?: ConversationStore | undefined; queryRecords?: QueryRecordStore | undefined },
  turn: FinishedTurn,
): Promise<TurnFields> {
  const conversationId = turn.conversationId ?? randomUUID();
  await stores.conversations?.saveTurn(conversationId, { question: turn.standaloneQuestion, source: turn.source, sql: turn.sql });
  const queryId =
    turn.executed && turn.modelSql !== undefined && stores.queryRecords !== undefined
      ? stores.queryRecords.add({ source: turn.source, modelSql: turn.modelSql, allowedTables: turn.allowedTables, owner: turn.client })
      : undefined;
  return {
    conversationId,
    standaloneQuestion: turn.standaloneQuestion,
    ...(queryId === undefined ? {} : { queryId }),
    chart: turn.executed ? proposeChart(turn.columns, turn.rows) : null,
  };
}
