import fs from 'node:fs';
import path from 'node:path';
import type { AuditLog, AuditRecord } from './audit-log.js';

/** Audit records as JSON lines appended to a file (opened with O_APPEND, so lines are never rewritten). */
export class FileAuditLog implements AuditLog {
  readonly #stream: fs.WriteStream;

  constructor(filePath: string) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.#stream = fs.createWriteStream(filePath, { flags: 'a', mode: 0o640 });
    // Without a listener an unwritable path (a directory, no permission) would crash the process;
    // each write's callback already receives the error, and the caller logs it.
    this.#stream.on('error', () => undefined);
  }

  write(record: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#stream.write(`${JSON.stringify(record)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): Promise<void> {
    if (this.#stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.#stream.end(() => resolve()));
  }
}
