import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/app.js';
import { readServiceConfig } from '../../../src/config/service-config-reader.js';
import { ScriptedLanguageModel } from '../../helpers/scripted-language-model.js';
import { testDataDirectory } from '../../helpers/global-setup.js';

/** The service log, captured line by line so a case can check what it wrote. */
export class ServiceLogCapture extends Writable {
  /** Every chunk written, in order (one JSON log line each). */
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    callback();
  }

  /** Everything written after line `mark`. */
  since(mark: number): string {
    return this.lines.slice(mark).join('');
  }
}

/** A model that answers every call with the SQL under test: a compromised or prompt-injected model. */
export class CompromisedModel extends ScriptedLanguageModel {
  /** The SQL the next replies carry. */
  sql = 'SELECT 1';

  constructor() {
    super([], () => `<sql>${this.sql}</sql>`);
  }

  /** Every prompt sent from call `mark` on (the SQL prompts, repairs and the explain prompt). */
  promptsSince(mark: number): string {
    return this.calls.slice(mark).map((_call, index) => this.promptOf(mark + index)).join('\n');
  }
}

/** The real app with a compromised model and a captured debug-level service log. */
export interface ObservedApp {
  /** The service. */
  readonly app: FastifyInstance;
  /** The model double; records every prompt. */
  readonly model: CompromisedModel;
  /** The service log. */
  readonly log: ServiceLogCapture;
}

/** Builds the real app over a catalog folder; `environment` adds settings (keys, audit log, timeouts). */
export async function buildObservedApp(catalogDirectory: string, environment: Record<string, string>): Promise<ObservedApp> {
  const model = new CompromisedModel();
  const log = new ServiceLogCapture();
  const fullEnvironment = {
    SWITCHYARD_DATA_DIR: testDataDirectory,
    SWITCHYARD_CATALOG_DIR: catalogDirectory,
    // Hundreds of requests come from one client in seconds; the rate limit is not what is probed.
    SWITCHYARD_RATE_LIMIT_MAX: '0',
    ...environment,
  };
  // Debug level: a value echoed anywhere in the log, at any level, is a leak.
  const logger = { level: 'debug', stream: log };
  const app = await buildApp({ config: readServiceConfig(fullEnvironment), languageModel: model, logger });
  await app.ready();
  return { app, model, log };
}
