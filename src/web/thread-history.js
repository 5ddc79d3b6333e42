// The thread of questions and answers kept for the browser tab, so a reload does not lose what was
// asked. Only the words are kept (question, answer, notes, SQL, and a federated answer's plan: each
// part's SQL and figures, and the sources' kinds it showed); rows and charts can be large and are
// fetched again by asking again. sessionStorage, like the API key: it dies with the tab.

/** The sessionStorage item holding the thread. */
export const threadItem = 'switchyard.thread';
/** Turns kept at most; older ones are dropped first. */
const maxTurns = 50;

export class ThreadHistory {
  #storage;
  #memory = { conversationId: undefined, turns: [] };

  /** storage: sessionStorage, or null where storage is disabled (the thread then lives in memory). */
  constructor(storage) {
    this.#storage = storage ?? undefined;
  }

  /** { conversationId, turns }: what was kept, or an empty thread. */
  load() {
    if (!this.#storage) return this.#memory;
    try {
      const kept = JSON.parse(this.#storage.getItem(threadItem) ?? 'null');
      if (kept && Array.isArray(kept.turns)) return kept;
    } catch {
      // A damaged item is dropped rather than breaking the page.
    }
    return { conversationId: undefined, turns: [] };
  }

  /** Adds a turn (or a divider), or replaces the one with the same id in place, and keeps the conversation id. */
  record(turn, conversationId) {
    const thread = this.load();
    const turns = [...thread.turns];
    const place = turns.findIndex((kept) => kept.id === turn.id);
    if (place >= 0) turns[place] = turn;
    else turns.push(turn);
    this.#save({ conversationId, turns: turns.slice(-maxTurns) });
  }

  /** Forgets the whole thread. */
  clear() {
    this.#save({ conversationId: undefined, turns: [] });
  }

  #save(thread) {
    if (!this.#storage) {
      this.#memory = thread;
      return;
    }
    try {
      this.#storage.setItem(threadItem, JSON.stringify(thread));
    } catch {
      // Over the storage quota: the thread stays on the page, only the copy for a reload is lost.
    }
  }
}
