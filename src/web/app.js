// The page's controller: loads example questions, posts questions to /query/stream and feeds the
// events to the view. The conversation id comes from the first answer and is sent with follow-ups.
// Every request goes through apiFetch, which sends the API key when one is set.
import { ApiKeyStore, attachmentFileName, createApiFetch, errorBody } from '/web/api-client.js';
import { ApiKeyPanel } from '/web/api-key-panel.js';
import { AnswerView } from '/web/answer-view.js';
import { readEventStream } from '/web/event-stream-reader.js';

function sessionStorageOrNull() {
  // Reading window.sessionStorage throws where storage is disabled; the key then lives in memory.
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const view = new AnswerView();
const keyStore = new ApiKeyStore(sessionStorageOrNull());
// Another key is another client: its answers start a conversation of their own.
const keyPanel = new ApiKeyPanel(keyStore, () => {
  conversationId = undefined;
  void loadExamples();
});
const apiFetch = createApiFetch({ store: keyStore, onUnauthorized: (notice) => keyPanel.askForKey(notice) });
const form = document.getElementById('question-form');
const questionBox = document.getElementById('question');
const askButton = document.getElementById('ask');
let conversationId;
let running;

// The server refuses a follow-up on a conversation it no longer knows (expired, or from before a
// restart) instead of answering it without its context; the page then asks the question afresh and says so.
const conversationGone = 'SWY_ERR_CONVERSATION_NOT_FOUND';
const restartedNotice = 'The earlier conversation had expired, so this question was asked as a new one.';

function networkError(error) {
  return { error: { code: 'NETWORK', message: String(error.message ?? error) } };
}

async function ask(question, notice) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  askButton.disabled = true;
  questionBox.dataset.asked = question;
  view.reset();
  if (notice) view.conversationRestarted(notice);
  const sentConversation = conversationId;
  let conversationLost = false;
  try {
    const response = await apiFetch('/query/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(conversationId ? { question, conversationId } : { question }),
      signal: controller.signal,
    });
    const events = response.ok ? readEventStream(response) : [{ event: 'error', data: await errorBody(response) }];
    for await (const { event, data } of events) {
      if (event === 'route') view.route(data);
      else if (event === 'sql') view.attempt(data);
      else if (event === 'rows') view.rows(data);
      else if (event === 'token') view.token(data);
      else if (event === 'error' && data.error?.code === conversationGone && sentConversation !== undefined) conversationLost = true;
      else if (event === 'error') view.error(data);
      else if (event === 'done') {
        conversationId = data.conversationId;
        await view.done(data);
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') view.error(networkError(error));
  } finally {
    // A question replaced by a newer one must not re-enable the button while the newer one runs.
    if (running === controller) askButton.disabled = false;
  }
  if (conversationLost && running === controller) {
    conversationId = undefined;
    await ask(question, restartedNotice);
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

// A plain link cannot send the X-API-Key header, so the CSV is fetched and saved from a Blob URL.
// The link keeps its real href for the address it shows and for when auth is off.
document.getElementById('download').addEventListener('click', async (event) => {
  event.preventDefault();
  const href = event.currentTarget.href;
  let response;
  let blob;
  try {
    response = await apiFetch(href);
    if (!response.ok) {
      view.error(await errorBody(response));
      return;
    }
    blob = await response.blob();
  } catch (error) {
    view.error(networkError(error));
    return;
  }
  const url = URL.createObjectURL(blob);
  const save = document.createElement('a');
  save.href = url;
  save.download = attachmentFileName(response.headers.get('content-disposition'), 'switchyard-rows.csv');
  document.body.append(save);
  save.click();
  save.remove();
  // Revoked later, not at once: revoking right after click() can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
});

async function loadExamples() {
  const response = await apiFetch('/catalog');
  const catalog = response.ok ? await response.json() : { sources: [] };
  const list = document.getElementById('examples');
  // Replaced, not appended to: a new key reloads the examples, and a key scoped to fewer sources shows fewer.
  list.replaceChildren();
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
