import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { repositoryRoot } from '../helpers/services.js';

describe('LOG_LEVEL', () => {
  it('accepts every pino level, in any case, and defaults to info', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) expect(readServiceConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    expect(readServiceConfig({ LOG_LEVEL: ' DEBUG ' }).logLevel).toBe('debug');
    expect(readServiceConfig({}).logLevel).toBe('info');
  });

  it('refuses any other value with SWY_ERR_CONFIG_INVALID naming the variable', () => {
    expect(() => readServiceConfig({ LOG_LEVEL: 'verbose' })).toThrow(expect.objectContaining({
      code: 'SWY_ERR_CONFIG_INVALID',
      message: expect.stringContaining('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'),
      details: { variable: 'LOG_LEVEL' },
    }));
  });

  it('makes the server exit at start-up with that code on one line, not a logger stack trace', async () => {
    const server = promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'src', 'server.ts')], {
      cwd: repositoryRoot,
      env: { ...process.env, LOG_LEVEL: 'verbose', PORT: '0' },
      timeout: 30_000,
    });
    const failure = (await server.then(() => undefined, (error: unknown) => error)) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('switchyard: SWY_ERR_CONFIG_INVALID: LOG_LEVEL must be one of');
    expect(failure?.stderr).not.toMatch(/^\s+at /m);
  });
});
