// Renders one streamed answer into the page. Everything is inserted as text (never as HTML), so
// rows and model output cannot inject markup; the chart is a Vega-Lite spec built by the server.
import { expressionInterpreter } from '/vendor/vega-interpreter.js';

const byId = (id) => document.getElementById(id);

export class AnswerView {
  reset() {
    byId('result').hidden = false;
    byId('answer').textContent = '';
    byId('error').hidden = true;
    byId('standalone').hidden = true;
    byId('conversation-notice').hidden = true;
    byId('route').textContent = '';
    byId('sql').textContent = '';
    byId('attempts').replaceChildren();
    byId('attempt-count').textContent = '0';
    byId('chart').replaceChildren();
    byId('no-chart').hidden = true;
    byId('download').hidden = true;
    byId('rows').tHead.replaceChildren();
    byId('rows').tBodies[0].replaceChildren();
    this.status('Choosing a source…');
  }

  /** Says that the conversation started afresh (the server no longer knew the old one). */
  conversationRestarted(text) {
    byId('conversation-notice').textContent = text;
    byId('conversation-notice').hidden = false;
  }

  status(text) {
    byId('status').textContent = text;
  }

  route({ source, tables }) {
    byId('route').textContent = `${source}: ${tables.join(', ')}`;
    this.status('Writing SQL…');
  }

  attempt({ attempt, sql, error }) {
    const item = document.createElement('li');
    item.textContent = error ? `${sql || '(no SQL)'}\n→ ${error}` : sql;
    if (error) item.className = 'failed';
    byId('attempts').append(item);
    byId('attempt-count').textContent = String(attempt);
    this.showSql(sql);
    this.status(error ? `Attempt ${attempt} failed; repairing…` : 'Running the query…');
  }

  showSql(sql) {
    const code = byId('sql');
    code.textContent = sql;
    delete code.dataset.highlighted;
    if (window.hljs && window.hljsSql) {
      if (!window.hljs.getLanguage('sql')) window.hljs.registerLanguage('sql', window.hljsSql);
      window.hljs.highlightElement(code);
    }
  }

  rows({ columns, rows }) {
    const head = document.createElement('tr');
    for (const column of columns) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = column.name;
      head.append(cell);
    }
    byId('rows').tHead.replaceChildren(head);
    const body = byId('rows').tBodies[0];
    body.replaceChildren(
      ...rows.map((row) => {
        const line = document.createElement('tr');
        for (const value of row) {
          const cell = document.createElement('td');
          cell.textContent = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
          line.append(cell);
        }
        return line;
      }),
    );
    this.status('Explaining the result…');
  }

  token({ text }) {
    byId('answer').textContent += text;
  }

  async done(response) {
    if (response.answer !== null && byId('answer').textContent.trim() === '') byId('answer').textContent = response.answer;
    if (response.standaloneQuestion && response.standaloneQuestion !== byId('question').dataset.asked) {
      byId('standalone').textContent = `Answered as: ${response.standaloneQuestion}`;
      byId('standalone').hidden = false;
    }
    this.route({ source: response.source, tables: response.tables });
    this.showSql(response.sql);
    this.rows(response);
    if (response.queryId) {
      byId('download').href = `/query/${encodeURIComponent(response.queryId)}/rows.csv`;
      byId('download').hidden = false;
    }
    this.status(`Done: ${response.rowCount} row${response.rowCount === 1 ? '' : 's'}${response.truncated ? ' (truncated)' : ''}.`);
    if (response.chart && window.vegaEmbed) {
      await window.vegaEmbed(byId('chart'), response.chart.spec, {
        actions: false,
        renderer: 'svg',
        // Interpreted expressions keep the page working under a CSP without 'unsafe-eval'.
        ast: true,
        expr: expressionInterpreter,
      });
      byId('chart').setAttribute('aria-label', `${response.chart.kind} chart of the result`);
    } else {
      byId('no-chart').hidden = false;
    }
  }

  error(body) {
    byId('error').textContent = `${body.error.message} (${body.error.code})`;
    byId('error').hidden = false;
    this.status('Failed.');
  }
}
