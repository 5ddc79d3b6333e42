// The page's controller: loads example questions, posts questions to /query/stream and feeds the
// events to the question's turn in the thread. The conversation id comes from the first answer and
// is sent with follow-ups. Every request goes through apiFetch, which sends the API key when one is set.
import { ApiKeyStore, attachmentFileName, createApiFetch, errorBody } from '/web/api-client.js';
import { ApiKeyPanel } from '/web/api-key-panel.js';
import { readEventStream } from '/web/event-stream-reader.js';
import { ThreadHistory } from '/web/thread-history.js';
import { ThreadView } from '/web/thread-view.js';

function sessionStorageOrNull() {
  // Reading window.sessionStorage throws where storage is disabled; the key then lives in memory.
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const byId = (id) => document.getElementById(id);
const keyStore = new ApiKeyStore(sessionStorageOrNull());
// Each source's kind, from /catalog: a federated plan says "hr (Aurora MySQL)". Filled when the catalog answers.
const sourceKinds = new Map();
const thread = new ThreadView(byId('thread'), byId('turn-template'), new ThreadHistory(sessionStorageOrNull()), sourceKinds);
const form = byId('question-form');
const questionBox = byId('question');
const askButton = byId('ask');
const stopButton = byId('stop');
const examplesBox = byId('examples-box');
let conversationId = thread.restore();
let running;

// Another key is another client: its answers start a conversation of their own.
const keyPanel = new ApiKeyPanel(keyStore, () => {
  newConversation('New conversation: the API key changed.');
  void loadExamples();
});
const apiFetch = createApiFetch({ store: keyStore, onUnauthorized: (notice) => keyPanel.askForKey(notice) });

// The server refuses a follow-up on a conversation it no longer knows (expired, or from before a
// restart) instead of answering it without its context; the page then asks the question afresh and says so.
const conversationGone = 'SWY_ERR_CONVERSATION_NOT_FOUND';
const restartedNotice = 'The earlier conversation had expired, so this question was asked as a new one.';
/** Why a request was aborted: the reader pressed Stop, or asked a newer question. */
const stoppedByReader = 'stopped';
const replacedByNewer = 'replaced';

function networkError(error) {
  return { error: { code: 'NETWORK', message: String(error.message ?? error) } };
}

function showRunning(isRunning) {
  askButton.disabled = isRunning;
  stopButton.hidden = !isRunning;
  stopButton.disabled = !isRunning;
  byId('clear-thread').hidden = thread.empty || isRunning;
}

async function ask(question, turn = undefined, notice = undefined) {
  running?.abort(replacedByNewer);
  const controller = new AbortController();
  running = controller;
  // The examples fold away once a question is asked, so the answer is not pushed below them.
  examplesBox.open = false;
  const view = turn ?? thread.startTurn(question);
  if (turn) view.reset();
  if (notice) view.notice(notice);
  showRunning(true);
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
      else if (event === 'part') view.part(data);
      else if (event === 'rows') view.rows(data);
      else if (event === 'token') view.token(data);
      else if (event === 'error' && data.error?.code === conversationGone && sentConversation !== undefined) conversationLost = true;
      else if (event === 'error') view.error(data);
      else if (event === 'done') {
        conversationId = data.conversationId;
        await view.done(data);
      }
    }
    view.reveal();
  } catch (error) {
    if (controller.signal.aborted) {
      view.stopped(controller.signal.reason === stoppedByReader ? 'Stopped: you stopped this question and Switchyard cancelled it.' : 'Stopped: a newer question replaced this one.');
    } else {
      view.error(networkError(error));
      view.reveal();
    }
  } finally {
    // A question replaced by a newer one must not re-enable the button while the newer one runs.
    if (running === controller) {
      running = undefined;
      showRunning(false);
    }
  }
  if (conversationLost && (running === undefined || running === controller)) {
    conversationId = undefined;
    await ask(question, view, restartedNotice);
    return;
  }
  thread.keep(view, conversationId);
}

function newConversation(text) {
  conversationId = undefined;
  thread.divider(text, undefined);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = questionBox.value.trim();
  if (question === '') return;
  // The question moves into the thread; the box is ready for the next one.
  questionBox.value = '';
  void ask(question);
});

// Enter asks, Shift+Enter adds a line: the usual chat keyboard convention.
questionBox.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stopButton.addEventListener('click', () => running?.abort(stoppedByReader));

byId('new-conversation').addEventListener('click', () => {
  newConversation('New conversation');
  questionBox.value = '';
  questionBox.focus();
});

byId('clear-thread').addEventListener('click', () => {
  conversationId = undefined;
  thread.clear();
  showRunning(false);
  questionBox.focus();
});

// A plain link cannot send the X-API-Key header, so the CSV is fetched and saved from a Blob URL.
// The link keeps its real href for the address it shows and for when auth is off.
byId('thread').addEventListener('click', async (event) => {
  const link = event.target.closest('a.download');
  if (!link) return;
  event.preventDefault();
  const view = link.closest('.turn');
  const fail = (body) => {
    const note = view.querySelector('.no-download');
    note.textContent = `The download failed: ${body.error.message} (${body.error.code}).`;
    note.hidden = false;
  };
  let response;
  let blob;
  try {
    response = await apiFetch(link.href);
    if (!response.ok) return fail(await errorBody(response));
    blob = await response.blob();
  } catch (error) {
    return fail(networkError(error));
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
  sourceKinds.clear();
  for (const source of catalog.sources) sourceKinds.set(source.name, source.kind);
  const list = byId('examples');
  // Replaced, not appended to: a new key reloads the examples, and a key scoped to fewer sources shows fewer.
  list.replaceChildren();
  // Questions across sources come first: they show what no single database answers.
  const questions = [
    ...(catalog.crossSourceQuestions ?? []).slice(0, 2).map((example) => example.question),
    ...catalog.sources.flatMap((source) => source.exampleQuestions.slice(0, 2)),
  ];
  for (const question of questions) {
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
  byId('examples-box').querySelector('summary').textContent = `Example questions (${list.children.length})`;
}

// Examples start open on a wide screen with an empty thread; on a phone they would push the answer
// far down, so they start folded there.
examplesBox.open = thread.empty && window.matchMedia('(min-width: 700px)').matches;
showRunning(false);
void loadExamples();
