import { SwitchyardError } from '../errors/switchyard-error.js';

/** One recorded model output for one benchmark question. */
export interface RecordedPrediction {
  /** Position of the question in the benchmark's file (0-based), which prediction files follow. */
  readonly ordinal: number;
  /** The recorded output, unchanged: the extractor decides what SQL it holds. */
  readonly reply: string;
  /** The database the file says the question is on, when it says. */
  readonly databaseId?: string;
}

/** The predictions of one file and the format they were read in. */
export interface PredictionFile {
  /** `spider-lines` (one per line, optional tab and db_id) or `bird-json` (index → reply, separator, db_id). */
  readonly format: 'spider-lines' | 'bird-json';
  /** Predictions in question order. */
  readonly predictions: RecordedPrediction[];
}

/** The separator BIRD's evaluation splits each value on. */
export const birdSeparator = '\t----- bird -----\t';

function invalid(message: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_VALIDATION', `The predictions file cannot be read: ${message}`, { details: { stage: 'predictions' } });
}

function readBirdJson(record: Record<string, unknown>): RecordedPrediction[] {
  const predictions = Object.entries(record).map(([key, value]): RecordedPrediction => {
    if (!/^\d+$/.test(key)) throw invalid(`key "${key}" is not a question index`);
    const ordinal = Number(key);
    // BIRD's own evaluation scores a missing (non-string) entry as an empty statement: so does this.
    if (typeof value !== 'string') return { ordinal, reply: '' };
    const cut = value.lastIndexOf(birdSeparator);
    if (cut < 0) return { ordinal, reply: value };
    return { ordinal, reply: value.slice(0, cut), databaseId: value.slice(cut + birdSeparator.length).trim() };
  });
  return predictions.sort((left, right) => left.ordinal - right.ordinal);
}

/**
 * Spider's format as its evaluator reads it: one prediction per line, text before the first tab, an
 * optional db_id after it. An empty line in the middle is an empty prediction (kept in place, so the
 * lines after it stay aligned); the file's final newline ends the last line.
 */
function readSpiderLines(text: string): RecordedPrediction[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, ordinal): RecordedPrediction => {
    const [reply = '', databaseId] = line.split('\t');
    return { ordinal, reply: reply.trim(), ...(databaseId?.trim() ? { databaseId: databaseId.trim() } : {}) };
  });
}

/** Reads either format: a JSON object is BIRD's, anything else Spider's lines. */
export function readPredictionFile(text: string): PredictionFile {
  if (text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw invalid(`it starts like BIRD's JSON but does not parse (${error instanceof Error ? error.message : String(error)})`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('BIRD predictions are a JSON object');
    return { format: 'bird-json', predictions: readBirdJson(parsed as Record<string, unknown>) };
  }
  return { format: 'spider-lines', predictions: readSpiderLines(text) };
}
