// One question and its answer in the thread. Everything is inserted as text (never as HTML), so
// rows and model output cannot inject markup; the chart is a Vega-Lite spec built by the server.
// Sections stay hidden until they have something to show, so a failed question leaves no empty boxes.
// A federated answer (several sources) adds its plan, drawn by PlanView.
import { expressionInterpreter } from '/vendor/vega-interpreter.js';
import { errorAdvice } from '/web/error-advice.js';
import { formatNumber } from '/web/cell-formatter.js';
import { keptPlan, queryHeading, routeText } from '/web/plan-formatter.js';
import { PlanView } from '/web/plan-view.js';
import { renderResultTable } from '/web/result-table.js';
import { copyFromSqlBoxes, fillSqlBox } from '/web/sql-box.js';

const plural = (count, word) => `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;

export class AnswerView {
  /** The turn's list item. */
  root;
  /** What a reload shows again: the words of the turn (a federated answer's plan included), not its rows. */
  summary;
  #plan;
  #kinds;
  #partsRead = 0;

  /** root: a clone of the turn template; id: the turn's id in the kept thread; kinds: Map of source name → kind. */
  constructor(root, id, question, kinds = new Map()) {
    this.root = root;
    this.summary = { id, question };
    this.#kinds = kinds;
    this.#plan = new PlanView(this.#part('.plan-box'), kinds);
    this.#part('.turn-question').textContent = question;
    copyFromSqlBoxes(root);
  }

  #part(selector) {
    return this.root.querySelector(selector);
  }

  #show(selector, text) {
    const element = this.#part(selector);
    if (text !== undefined) element.textContent = text;
    element.hidden = false;
    return element;
  }

  /** Clears the turn for another try of the same question (after the conversation had expired). */
  reset() {
    for (const selector of ['.turn-notice', '.answer', '.grounding', '.turn-error', '.turn-details', '.query-section', '.attempts-box', '.chart-section', '.no-chart', '.rows-section']) {
      this.#part(selector).hidden = true;
    }
    this.#part('.answer').textContent = '';
    this.#part('.attempts').replaceChildren();
    this.#part('.chart').replaceChildren();
    this.#plan.reset();
    this.#partsRead = 0;
    this.status('Choosing a source…');
  }

  status(text) {
    this.#part('.turn-status').textContent = text;
    this.summary.status = text;
  }

  /** A note above the answer: the conversation restarted, or the question as it was answered. */
  notice(text) {
    this.#show('.turn-notice', text);
    this.summary.notice = text;
  }

  /** Brings the answer (or the error, or the status) into view, keeping what is above it on screen where it fits. */
  reveal() {
    const shown = ['.turn-error', '.answer', '.turn-status'].map((selector) => this.#part(selector)).find((element) => !element.hidden);
    shown.scrollIntoView({ block: 'nearest' });
  }

  /** Folds the turn's details away when a newer question is asked, so answers stay close together. */
  fold() {
    this.#part('.turn-details').open = false;
  }

  route({ source, tables }) {
    this.#show('.turn-details');
    this.#show('.route', routeText({ source, tables }));
    this.summary.route = routeText({ source, tables });
    this.status('Writing the query…');
  }

  /** One part of a federated answer was extracted from its source. */
  part(event) {
    this.#show('.turn-details');
    this.#plan.part(event);
    this.#partsRead += 1;
    this.status(`Reading the sources: ${this.#partsRead} ${this.#partsRead === 1 ? 'part' : 'parts'} read…`);
  }

  attempt({ attempt, sql, error }) {
    this.#show('.turn-details');
    const item = document.createElement('li');
    const text = document.createElement('pre');
    text.textContent = sql || '(no query)';
    item.append(text);
    if (error) {
      // Database errors often span lines (a caret under the position, a hint): a <pre> keeps them.
      const reason = document.createElement('pre');
      reason.className = 'attempt-error';
      reason.textContent = error;
      item.append(reason);
      item.className = 'failed';
    }
    this.#part('.attempts').append(item);
    this.#part('.attempt-count').textContent = String(attempt);
    this.#show('.attempts-box');
    this.status(error ? `Attempt ${attempt} failed; repairing…` : 'Running the query…');
  }

  rows({ columns, rows }) {
    renderResultTable(this.#part('.rows'), columns, rows);
    this.#show('.rows-section');
    this.#part('.table-wrap').hidden = rows.length === 0;
    this.#part('.no-rows').hidden = rows.length > 0;
    this.status('Explaining the result…');
  }

  token({ text }) {
    this.#show('.answer').textContent += text;
  }

  async done(response) {
    const answer = this.#part('.answer');
    if (response.answer !== null && answer.textContent.trim() === '') answer.textContent = response.answer;
    answer.hidden = answer.textContent.trim() === '';
    this.summary.answer = answer.textContent;
    if (response.standaloneQuestion && response.standaloneQuestion !== this.summary.question) this.notice(`Answered as: ${response.standaloneQuestion}`);
    if (response.curatedExample) this.notice('No language model is connected, so this example question was answered from its curated SQL, without words. Connect a model (see the README) to ask anything.');
    this.route({ source: response.source, tables: response.tables });
    this.#grounding(response.answerCheck);
    this.#query(response);
    this.#showPlan(response);
    // The attempt that ran needs no list of its own; failed ones before it do.
    this.#part('.attempts-box').hidden = response.attempts.length < 2;
    this.rows(response);
    this.#download(response);
    const truncated = response.truncated ? ' (more exist; download the CSV for all of them)' : '';
    this.status(`Done: ${plural(response.rowCount, 'row')}${truncated}.`);
    await this.#chart(response.chart);
  }

  /** Restores a turn kept from before a reload: its words only. */
  restore(summary) {
    this.summary = summary;
    this.status(summary.status ?? '');
    if (summary.notice) this.notice(summary.notice);
    if (summary.answer) this.#show('.answer', summary.answer);
    if (summary.grounding) this.#show('.grounding', summary.grounding);
    if (summary.error) this.#showError(summary.error);
    if (summary.route) this.#show('.route', summary.route);
    if (summary.query) this.#showQuery(summary.query);
    const plan = keptPlan(summary.plan?.plan);
    // The kinds kept with the plan: a reload draws it before /catalog has answered.
    if (plan) this.#plan.show(plan, summary.plan.source, new Map(Object.entries(summary.plan.kinds ?? {})));
    if (summary.route || summary.query) {
      this.#show('.turn-details').open = false;
      this.#show('.no-chart', 'Rows and the chart are not kept across a reload; ask again to see them.');
    }
  }

  #grounding(answerCheck) {
    if (answerCheck?.grounded !== false) return;
    const numbers = answerCheck.numbersNotInRows.map((number) => `“${number}”`).join(', ');
    const text = `Check this answer: ${numbers} ${answerCheck.numbersNotInRows.length === 1 ? 'does' : 'do'} not appear in the rows. The model may have calculated or invented ${answerCheck.numbersNotInRows.length === 1 ? 'it' : 'them'}; compare with the rows below.`;
    this.#show('.grounding', text);
    this.summary.grounding = text;
  }

  #query(response) {
    const http = response.requestLanguage === 'http-get';
    const limit = response.guard.limitApplied && response.guard.rowLimit !== undefined
      ? `Switchyard applied LIMIT ${response.guard.rowLimit} when running this SQL, so at most ${formatNumber(response.guard.rowLimit - 1)} rows are read (one more shows whether there are more). Copy SQL copies the SQL as written above.`
      : undefined;
    const query = { http, text: http ? response.sql : (response.modelSql ?? response.sql), limit, heading: queryHeading(response, this.#kinds) };
    this.#showQuery(query);
    this.summary.query = query;
  }

  /** A federated answer's plan; a single-source answer has none and shows no Plan section. */
  #showPlan(response) {
    if (!response.plan) return;
    this.#plan.show(response.plan, response.source);
    const kinds = response.plan.sources.filter((source) => this.#kinds.has(source)).map((source) => [source, this.#kinds.get(source)]);
    this.summary.plan = { plan: response.plan, source: response.source, kinds: Object.fromEntries(kinds) };
  }

  #showQuery({ http, text, limit, heading }) {
    this.#show('.query-section');
    // A turn kept by an earlier page has no heading: it was a single-source answer.
    this.#part('.query-heading').textContent = heading ?? (http ? 'HTTP request' : 'SQL');
    this.#part('.copy-query').textContent = http ? 'Copy request' : 'Copy SQL';
    fillSqlBox(this.#part('.query'), text, { http });
    if (limit) this.#show('.limit-note', limit);
  }

  #download(response) {
    const link = this.#part('.download');
    if (response.queryId && response.rowCount > 0) {
      link.href = `/query/${encodeURIComponent(response.queryId)}/rows.csv`;
      link.hidden = false;
    } else if (response.requestLanguage === 'http-get') {
      this.#show('.no-download', 'No CSV download: this answer came from one HTTP request to a REST source, and downloads re-run SQL. The rows below are what that request returned.');
    }
  }

  async #chart(chart) {
    if (!chart || !window.vegaEmbed) {
      this.#show('.no-chart', 'No chart suits this result.');
      return;
    }
    const section = this.#show('.chart-section');
    const target = this.#part('.chart');
    target.setAttribute('aria-label', `${chart.kind} chart of the result`);
    // Shown before embedding: a chart sized to its container needs the container's width.
    await window.vegaEmbed(target, chart.spec, {
      actions: false,
      renderer: 'svg',
      // Interpreted expressions keep the page working under a CSP without 'unsafe-eval'.
      ast: true,
      expr: expressionInterpreter,
    });
    section.hidden = false;
  }

  error(body) {
    this.#showError(body.error);
    this.summary.error = body.error;
    // A federated answer's error names the part that failed.
    this.#plan.failed(body.error.details);
    // Sections a failure left without content stay hidden; attempts stay open to show what failed.
    const attempts = this.#part('.attempts-box');
    if (!attempts.hidden) attempts.open = true;
    this.status('Failed.');
  }

  #showError(error) {
    this.#show('.turn-error');
    this.#part('.error-message').textContent = `${error.message} (${error.code})`;
    this.#part('.error-advice').textContent = errorAdvice({ error });
  }

  /** The reader stopped the question, or a newer one replaced it. */
  stopped(text) {
    this.status(text);
    this.summary.stopped = true;
  }
}
