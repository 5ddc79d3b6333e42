import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readableLogLine, readableLogStream } from '../../src/readable-log-stream.js';

describe('logs on a terminal', () => {
  it('shows time, level and message, then the fields the message does not already show', () => {
    const time = Date.UTC(2026, 11, 7, 9, 14, 3);
    const ready = JSON.stringify({ level: 30, time, pid: 1, hostname: 'vm', url: 'http://127.0.0.1:8080', msg: 'Switchyard is ready: open http://127.0.0.1:8080' });
    expect(readableLogLine(ready)).toBe('09:14:03 INFO  Switchyard is ready: open http://127.0.0.1:8080');
    const warning = JSON.stringify({ level: 40, time, pid: 1, hostname: 'vm', source: 'hr', address: '127.0.0.1:5432', msg: 'catalog load failed' });
    expect(readableLogLine(warning)).toBe('09:14:03 WARN  catalog load failed source=hr address=127.0.0.1:5432');
    const failure = JSON.stringify({ level: 50, time, err: { message: 'boom', stack: 'Error: boom\n    at x' }, msg: 'request failed' });
    expect(readableLogLine(failure)).toBe('09:14:03 ERROR request failed\n    Error: boom\n        at x');
    expect(readableLogLine('not json')).toBe('not json');
  });

  it('turns a stream of JSON lines, split anywhere, into readable lines', async () => {
    const target = new PassThrough();
    const written: string[] = [];
    target.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const stream = readableLogStream(target);
    const line = JSON.stringify({ level: 30, time: 0, msg: 'query cache enabled', store: 'memory' });
    stream.write(`${line.slice(0, 10)}`);
    stream.write(`${line.slice(10)}\n${line}\n`);
    await new Promise((resolve) => stream.end(resolve));
    expect(written.join('')).toBe('00:00:00 INFO  query cache enabled store=memory\n'.repeat(2));
  });
});
