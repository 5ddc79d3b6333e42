// What a reader of the page can do about each error the service answers with, by its stable code.
// The message says what went wrong; this says what to do next. No DOM access here.

const advice = {
  SWY_ERR_VALIDATION: 'Check the question and try again.',
  SWY_ERR_QUESTION_EMPTY: 'Type a question first.',
  SWY_ERR_QUESTION_TOO_LONG: 'Shorten the question and ask again.',
  SWY_ERR_PAYLOAD_TOO_LARGE: 'Shorten the question and ask again.',
  SWY_ERR_UNSUPPORTED_MEDIA_TYPE: 'Reload the page and ask again; requests are sent as JSON.',
  SWY_ERR_CONFIG_INVALID: 'Switchyard is misconfigured. Whoever runs it should read the start-up log, which names the setting.',
  SWY_ERR_CONFIG_UNKNOWN_SETTING: 'Switchyard is misconfigured: a SWITCHYARD_ variable is no setting. Whoever runs it should read the start-up log, which names it and the setting it most likely meant.',
  SWY_ERR_ADMIN_UNAUTHORIZED: 'Send the admin token (SWITCHYARD_ADMIN_TOKEN) as a bearer token.',
  SWY_ERR_ADMIN_DISABLED: 'Admin routes are off; whoever runs Switchyard turns them on with SWITCHYARD_ADMIN_TOKEN.',
  SWY_ERR_REFRESH_IN_PROGRESS: 'A catalog refresh is already running. Try again when it is done.',
  SWY_ERR_CATALOG_LOAD_FAILED: 'A source could not be read. Try again shortly; whoever runs Switchyard can check the source in /sources.',
  SWY_ERR_NOT_FOUND: 'Ask the question again to get a fresh answer.',
  SWY_ERR_SOURCE_NOT_FOUND: 'Ask without naming a source, or pick one of the sources the examples use.',
  SWY_ERR_CONVERSATION_NOT_FOUND: 'Start a new conversation and ask again.',
  SWY_ERR_SQL_REJECTED: 'Only read-only questions are answered. Rephrase it as a question about the data; open Attempts to see what was refused.',
  SWY_ERR_QUERY_FAILED: 'Rephrase the question, naming the table or columns you mean; open Attempts to see the database error.',
  SWY_ERR_QUERY_TIMEOUT: 'Narrow the question (a shorter period, fewer groups) so the query runs faster.',
  SWY_ERR_QUERY_CANCELLED: 'Ask again when you want the answer.',
  SWY_ERR_FEDERATION_PART_TOO_LARGE: 'The answer needs more rows from one source than Switchyard moves. Narrow the question (a period, a place, a category) so fewer rows of that table are needed.',
  SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY: 'Joining the sources needed more memory than Switchyard allows. Narrow the question so fewer rows are combined.',
  SWY_ERR_REPAIR_EXHAUSTED: 'The model could not write working SQL. Rephrase the question, naming the table or columns; open Attempts to see each database error.',
  SWY_ERR_SOURCE_UNAVAILABLE: 'The database did not answer. Try again shortly; if it persists, ask whoever runs Switchyard to check that source.',
  SWY_ERR_SOURCE_NOT_LOADED: 'That source is being loaded again automatically. Try again in a little while.',
  SWY_ERR_SOURCE_BUSY: 'The source is busy with other questions. Try again in a few seconds.',
  SWY_ERR_SOURCE_CIRCUIT_OPEN: 'The source failed several times in a row and is rested for a moment. Try again shortly.',
  SWY_ERR_LLM_NOT_CONFIGURED: 'No language model is connected. Whoever runs Switchyard sets SWITCHYARD_LLM (see the README).',
  SWY_ERR_LLM_FAILED: 'The language model did not answer. Try again; if it persists, check the model server.',
  SWY_ERR_LLM_TIMEOUT: 'The language model took too long. Try again, or ask a simpler question.',
  SWY_ERR_LLM_BAD_OUTPUT: 'The model answered in a form Switchyard cannot use. Try again or rephrase the question.',
  SWY_ERR_LLM_CONTENT_FILTERED: "The model's provider refused to answer. Rephrase the question.",
  SWY_ERR_LLM_CIRCUIT_OPEN: 'The language model failed several times in a row and is rested for a moment. Try again shortly.',
  SWY_ERR_CATALOG_NOT_READY: 'The sources are still loading. Try again in a few seconds.',
  SWY_ERR_EMBEDDING_FAILED: 'The embedding model did not answer. Try again shortly.',
  SWY_ERR_UNAUTHORIZED: 'Enter a valid API key in the API key panel at the top of the page.',
  SWY_ERR_FORBIDDEN: 'Your API key may not do this. Ask for a key with wider access.',
  SWY_ERR_OUTSIDE_KEY_SCOPE: 'None of the sources your API key may use holds this. Ask about those sources, or ask for a key with wider access.',
  SWY_ERR_RATE_LIMITED: 'Too many questions in a short time. Wait a minute and ask again.',
  SWY_ERR_SHUTTING_DOWN: 'Switchyard is restarting. Try again in a few seconds.',
  SWY_ERR_INTERNAL: 'Something failed inside Switchyard. Try again; if it persists, report it with the time of the question.',
  NETWORK: 'The page could not reach Switchyard. Check that it is running and your connection, then ask again.',
};

/** What to do about an error body's code; a generic next step for codes the page does not know. */
export function errorAdvice(body) {
  const code = body?.error?.code ?? '';
  const retryAfter = body?.error?.details?.retryAfterSeconds;
  const known = advice[code] ?? (code.startsWith('HTTP_') ? 'Something between the page and Switchyard failed. Try again shortly.' : 'Try again; if it persists, ask whoever runs Switchyard.');
  return typeof retryAfter === 'number' ? `${known} (Retry in about ${retryAfter} s.)` : known;
}
