// The thread of the tab's questions and answers, oldest first, so "2008" and then "and in 2009?"
// stay on screen together. A new question folds the details (query, chart, rows) of the earlier
// ones, keeping their answers close; every turn is kept in ThreadHistory for a reload.
import { AnswerView } from '/web/answer-view.js';

export class ThreadView {
  #list;
  #template;
  #history;
  #kinds;
  #turns = [];

  /** list: the thread's <ol>; template: the turn <template>; history: a ThreadHistory; kinds: Map of source name → kind, which federated plans show. */
  constructor(list, template, history, kinds = new Map()) {
    this.#list = list;
    this.#template = template;
    this.#history = history;
    this.#kinds = kinds;
  }

  /** Whether the thread holds any question. */
  get empty() {
    return this.#list.children.length === 0;
  }

  /** Appends a turn for a new question, folds the earlier ones and brings it into view. */
  startTurn(question) {
    for (const turn of this.#turns) turn.fold();
    const view = this.#append(`turn-${Date.now().toString(36)}-${this.#turns.length}`, question);
    view.reset();
    view.reveal();
    return view;
  }

  /** Keeps a finished turn (and the conversation it belongs to) for a reload. */
  keep(view, conversationId) {
    this.#history.record(view.summary, conversationId);
  }

  /** Marks where a new conversation starts, so earlier questions are not read as its context. */
  divider(text, conversationId) {
    if (this.empty || this.#list.lastElementChild.classList.contains('divider')) return;
    const id = `divider-${Date.now().toString(36)}`;
    this.#appendDivider(text);
    this.#history.record({ id, divider: text }, conversationId);
  }

  /** Shows the turns kept from before a reload; returns the conversation they belong to. */
  restore() {
    const { conversationId, turns } = this.#history.load();
    for (const turn of turns) {
      if (turn.divider) this.#appendDivider(turn.divider);
      else this.#append(turn.id, turn.question).restore(turn);
    }
    return conversationId;
  }

  /** Empties the thread and forgets it. */
  clear() {
    this.#list.replaceChildren();
    this.#turns = [];
    this.#history.clear();
  }

  #append(id, question) {
    const root = this.#template.content.firstElementChild.cloneNode(true);
    this.#list.append(root);
    const view = new AnswerView(root, id, question, this.#kinds);
    this.#turns.push(view);
    return view;
  }

  #appendDivider(text) {
    const item = document.createElement('li');
    item.className = 'divider';
    item.textContent = text;
    this.#list.append(item);
  }
}
