// The page's controller: loads example questions, posts questions to /query/stream and feeds the
// events to the view. The conversation id comes from the first answer and is sent with follow-ups.
import { AnswerView } from '/web/answer-view.js';
import { readEventStream } from '/web/event-stream-reader.js';

const view = new AnswerView();
const form = document.getElementById('question-form');
const questionBox = document.getElementById('question');
const askButton = document.getElementById('ask');
let conversationId;
let running;

async function ask(question) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  askButton.disabled = true;
  questionBox.dataset.asked = question;
  view.reset();
  try {
    const response = await fetch('/query/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(conversationId ? { question, conversationId } : { question }),
      signal: controller.signal,
    });
    if (!response.ok) {
      view.error(await response.json());
      return;
    }
    for await (const { event, data } of readEventStream(response)) {
      if (event === 'route') view.route(data);
      else if (event === 'sql') view.attempt(data);
      else if (event === 'rows') view.rows(data);
      else if (event === 'token') view.token(data);
      else if (event === 'error') view.error(data);
      else if (event === 'done') {
        conversationId = data.conversationId;
        await view.done(data);
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') view.error({ error: { code: 'NETWORK', message: String(error.message ?? error) } });
  } finally {
    // A question replaced by a newer one must not re-enable the button while the newer one runs.
    if (running === controller) askButton.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = questionBox.value.trim();
  if (question !== '') void ask(question);
});

// Enter asks, Shift+Enter adds a line: the usual chat keyboard convention.
questionBox.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById('new-conversation').addEventListener('click', () => {
  conversationId = undefined;
  questionBox.value = '';
  questionBox.focus();
});

document.getElementById('copy-sql').addEventListener('click', async (event) => {
  await navigator.clipboard.writeText(document.getElementById('sql').textContent);
  event.target.textContent = 'Copied';
  setTimeout(() => (event.target.textContent = 'Copy SQL'), 1500);
});

async function loadExamples() {
  const response = await fetch('/catalog');
  if (!response.ok) return;
  const catalog = await response.json();
  const list = document.getElementById('examples');
  for (const source of catalog.sources) {
    for (const question of source.exampleQuestions.slice(0, 2)) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = question;
      button.addEventListener('click', () => {
        questionBox.value = question;
        form.requestSubmit();
      });
      item.append(button);
      list.append(item);
    }
  }
}

void loadExamples();
