// The "Plan" section of a federated answer's turn. While the answer streams, each finished part adds
// a line ("hr.employees: 1,204 rows in 35 ms"), so the plan unfolds as it runs; the finished answer
// replaces them with every part's source, figures, pushed filters and SQL, then the combine step.
// Open on a wide screen; folded on a phone once the answer is done, where each part's SQL would push
// the rows a screen down (its summary line still says how many parts from which sources).
// Everything is inserted as text, never as HTML.
import { fillSqlBox } from '/web/sql-box.js';
import {
  combineText,
  filtersText,
  partFigures,
  partProgress,
  planProgress,
  planSummary,
  qualifiedTable,
  sourceText,
  trinoText,
  wideScreenQuery,
} from '/web/plan-formatter.js';

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

export class PlanView {
  #box;
  #kinds;
  /** Items of the parts read so far, by part index. */
  #items = new Map();
  /** Whether the reader opened or folded the plan: then the page leaves it as they set it. */
  #touched = false;

  /** box: the turn's `.plan-box` <details>; kinds: Map of source name → kind, filled once /catalog answers. */
  constructor(box, kinds) {
    this.#box = box;
    this.#kinds = kinds;
    box.querySelector('summary').addEventListener('click', () => (this.#touched = true));
  }

  #part(selector) {
    return this.#box.querySelector(selector);
  }

  /** Hides and empties the plan, for a turn asked again. */
  reset() {
    this.#box.hidden = true;
    this.#items.clear();
    this.#touched = false;
    this.#part('.plan-parts').replaceChildren();
    this.#part('.plan-engine').hidden = true;
    this.#part('.plan-combine').hidden = true;
  }

  /** One part finished while the answer streams: its line is added, and the plan opens to show it. */
  part(event) {
    this.#box.hidden = false;
    if (!this.#touched) this.#box.open = true;
    const item = this.#item(event.index);
    item.replaceChildren(element('span', 'part-progress', partProgress(event)));
    this.#part('.plan-summary').textContent = planProgress(this.#items.size);
  }

  /** A federated answer failed in a part (the error's details name it): the part is marked as the one that failed. */
  failed(details) {
    if (!Number.isInteger(details?.part)) return;
    const table = typeof details.source === 'string' && typeof details.table === 'string' ? qualifiedTable(details.source, details.table) : `Part ${details.part}`;
    this.#box.hidden = false;
    if (!this.#touched) this.#box.open = true;
    const item = this.#item(details.part);
    item.classList.add('failed');
    item.replaceChildren(element('span', 'part-progress', `${table}: failed (see the error above)`));
    this.#part('.plan-summary').textContent = `Plan: part ${details.part} failed`;
  }

  /**
   * Draws a finished plan. responseSource: the response's `source`, which names a Trino source that ran
   * it whole; kinds: the sources' kinds to show, by default the page's.
   */
  show(plan, responseSource, kinds = this.#kinds) {
    this.#box.hidden = false;
    this.#items.clear();
    this.#part('.plan-summary').textContent = planSummary(plan, responseSource, kinds);
    const list = this.#part('.plan-parts');
    list.replaceChildren(...plan.parts.map((part) => this.#finishedPart(part, kinds)));
    list.hidden = plan.parts.length === 0;
    const engine = this.#part('.plan-engine');
    engine.hidden = plan.engine !== 'trino';
    if (plan.engine === 'trino') engine.textContent = trinoText(plan, responseSource, kinds);
    const combine = this.#part('.plan-combine');
    combine.hidden = plan.engine === 'trino';
    if (plan.engine !== 'trino') combine.textContent = combineText(plan);
    if (!this.#touched) this.#box.open = window.matchMedia(wideScreenQuery).matches;
  }

  #item(index) {
    let item = this.#items.get(index);
    if (!item) {
      item = element('li', 'plan-part');
      item.value = index;
      this.#items.set(index, item);
      const list = this.#part('.plan-parts');
      list.hidden = false;
      // In plan order, whatever order the parts finished in.
      const after = [...list.children].find((other) => other.value > index);
      list.insertBefore(item, after ?? null);
    }
    return item;
  }

  #finishedPart(part, kinds) {
    const item = element('li', 'plan-part');
    item.value = part.index;
    const heading = element('p', 'part-heading');
    heading.append(
      element('strong', 'part-table', qualifiedTable(part.source, part.table)),
      ' from ',
      element('span', 'part-source', sourceText(part.source, kinds)),
      ': ',
      element('span', 'part-figures', partFigures(part)),
    );
    const filters = element('div', 'part-filters');
    filters.append(element('span', 'note', filtersText(part.pushedFilters)));
    if (part.pushedFilters.length > 0) {
      // One filter a line: a filter is a condition, and a long IN list then wraps within its own line.
      const list = element('ul', 'pushed-filters');
      for (const filter of part.pushedFilters) {
        const item = element('li');
        item.append(element('code', 'pushed-filter', filter));
        list.append(item);
      }
      filters.append(list);
    }
    const box = element('div', 'sql-box');
    const pre = element('pre');
    const code = element('code', 'part-sql');
    pre.append(code);
    fillSqlBox(code, part.sql);
    const copy = element('button', 'quiet', 'Copy SQL');
    copy.type = 'button';
    copy.setAttribute('aria-label', `Copy the SQL of part ${part.index}`);
    box.append(pre, copy);
    item.append(heading, filters, box);
    return item;
  }
}
