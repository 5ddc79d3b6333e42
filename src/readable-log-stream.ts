import { Writable } from 'node:stream';

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Every record carries these; a person at a terminal reads the time, level and message in their place.
const implicitKeys = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/**
 * One JSON log record as a line a person reads: `09:14:03 WARN  message key=value …`, and an
 * error's stack indented below it. A line that is not a record is passed through as it is.
 */
export function readableLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 19) : '--:--:--';
  const level = (levelNames[record.level as number] ?? String(record.level)).padEnd(5);
  const fields = Object.entries(record)
    // A value the message already shows (the ready line's url) would only repeat it.
    .filter(([key, value]) => !implicitKeys.has(key) && key !== 'err' && !(typeof value === 'string' && String(record.msg).includes(value)))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = record.err as { stack?: unknown; message?: unknown } | undefined;
  const stack = typeof error?.stack === 'string' ? `\n    ${error.stack.split('\n').join('\n    ')}` : typeof error?.message === 'string' ? ` (${error.message})` : '';
  return `${time} ${level} ${String(record.msg ?? '')}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}${stack}`;
}

/**
 * The logger's destination when a terminal is attached: the same records, written readably. Machines
 * (a pipe, a file, a container runtime) keep getting JSON lines, since server.ts uses this only for a TTY.
 */
export function readableLogStream(target: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.length > 0) target.write(`${readableLogLine(line)}\n`);
      done();
    },
  });
}
