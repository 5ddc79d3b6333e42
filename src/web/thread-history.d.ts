// Types of thread-history.js for the TypeScript tests that import it; the browser loads the .js as is.
import type { KeyStorage } from './api-client.js';

/** One kept turn (its words) or a divider where a new conversation starts. */
export interface KeptTurn {
  /** Stable id of the turn on the page. */
  readonly id: string;
  /** The question as asked; absent for a divider. */
  readonly question?: string;
  /** The divider's text; absent for a turn. */
  readonly divider?: string;
  /** Anything else the page keeps: answer, notes, query, a federated answer's `plan` ({ plan, source, kinds }). */
  readonly [field: string]: unknown;
}

/** The kept thread. */
export interface KeptThread {
  /** The conversation the next question continues, if any. */
  readonly conversationId: string | undefined;
  /** Turns and dividers, oldest first. */
  readonly turns: KeptTurn[];
}

export declare const threadItem: string;
export declare class ThreadHistory {
  constructor(storage: KeyStorage | null | undefined);
  load(): KeptThread;
  record(turn: KeptTurn, conversationId: string | undefined): void;
  clear(): void;
}
