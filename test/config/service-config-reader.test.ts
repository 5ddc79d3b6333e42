import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';

function failure(environment: Record<string, string>): SwitchyardError {
  try {
    readServiceConfig(environment);
  } catch (error) {
    if (SwitchyardError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('readServiceConfig', () => {
  it('applies the declared defaults and freezes the config', () => {
    const config = readServiceConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, logLevel: 'info', maxSqlAttempts: 5, cacheMode: 'on', auth: 'auto', corsOrigins: [], resultCacheTtlBySource: {} });
    expect(config.catalogDirectory).toBe(path.resolve('catalog'));
    expect(config.llmProvider).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.corsOrigins)).toBe(true);
    expect(Object.isFrozen(config.environment)).toBe(true);
  });

  it('reads each kind of value, blank counting as unset', () => {
    const config = readServiceConfig({
      PORT: ' 9090 ',
      SWITCHYARD_CACHE: 'OFF',
      SWITCHYARD_LLM_TEMPERATURE: '0.25',
      SWITCHYARD_CORS_ORIGINS: 'https://a.example, ,https://b.example',
      SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE: '{"sales": 0}',
      SWITCHYARD_DATA_DIR: 'relative/data',
      SWITCHYARD_MAX_SQL_ATTEMPTS: '',
      SWITCHYARD_LLM: '  ',
    });
    expect(config).toMatchObject({ port: 9090, cacheMode: 'off', llmTemperature: 0.25, corsOrigins: ['https://a.example', 'https://b.example'], resultCacheTtlBySource: { sales: 0 }, maxSqlAttempts: 5, llmProvider: undefined });
    expect(config.dataDirectory).toBe(path.resolve('relative/data'));
  });

  it.each([
    ['SWITCHYARD_MAX_SQL_ATTEMPTS', 'zero', 'SWITCHYARD_MAX_SQL_ATTEMPTS must be an integer ≥ 1, got "zero"'],
    ['PORT', '70000', 'PORT must be an integer from 0 to 65535, got "70000"'],
    ['SWITCHYARD_LLM_TEMPERATURE', '3', 'SWITCHYARD_LLM_TEMPERATURE must be a number from 0 to 2, got "3"'],
    ['SWITCHYARD_AUTH', 'maybe', 'SWITCHYARD_AUTH must be one of auto, required, off, got "maybe"'],
    ['SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE', '{"sales": -1}', 'SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE must be a JSON object of source → milliseconds'],
  ])('refuses %s=%s naming the variable, the value and what is allowed', (variable, value, message) => {
    const error = failure({ [variable]: value });
    expect(error.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(error.message).toContain(message);
    expect(error.details).toEqual({ variable });
  });

  it('does not repeat a refused URL: it may be a key pasted into the wrong variable', () => {
    const error = failure({ OPENAI_BASE_URL: 'sk-proj-0123456789abcdef' });
    expect(error.message).toContain('OPENAI_BASE_URL must be an absolute http(s) URL');
    expect(error.message).not.toContain('sk-proj');
  });

  it('refuses limits that contradict each other', () => {
    expect(failure({ SWITCHYARD_DEFAULT_MAX_ROWS: '500', SWITCHYARD_MAX_ROWS_LIMIT: '100' }).message).toBe('SWITCHYARD_DEFAULT_MAX_ROWS exceeds SWITCHYARD_MAX_ROWS_LIMIT');
    expect(failure({ SWITCHYARD_EXPLAIN_CHUNK_TOKENS: '5000', SWITCHYARD_EXPLAIN_TOKEN_BUDGET: '5000' }).details).toEqual({ variable: 'SWITCHYARD_EXPLAIN_CHUNK_TOKENS' });
    expect(failure({ SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS: '2000', SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS: '1000' }).code).toBe('SWY_ERR_CONFIG_INVALID');
  });
});

describe('an unknown SWITCHYARD_ variable', () => {
  it.each([
    ['SWITCHYARD_CACHE_TTL_MS', 'SWITCHYARD_SQL_CACHE_TTL_MS'],
    ['SWITCHYARD_LLM_TIMEOUT', 'SWITCHYARD_LLM_TIMEOUT_MS'],
    ['SWITCHYARD_TIMEOUT_LLM_MS', 'SWITCHYARD_LLM_TIMEOUT_MS'],
    ['SWITCHYARD_CATALOG_DIRECTORY', 'SWITCHYARD_CATALOG_DIR'],
    ['SWITCHYARD_RATELIMIT_MAX', 'SWITCHYARD_RATE_LIMIT_MAX'],
    ['SWITCHYARD_API_KEY', 'SWITCHYARD_API_KEYS'],
    ['SWITCHYARD_EMBEDDING_URL', 'SWITCHYARD_EMBEDDINGS_URL'],
    ['SWITCHYARD_CONVERSATION_TTL', 'SWITCHYARD_CONVERSATION_TTL_SECONDS'],
    ['SWITCHYARD_REDIS', 'SWITCHYARD_REDIS_URL'],
    ['SWITCHYARD_CACHE_TTL_SECONDS', 'SWITCHYARD_SQL_CACHE_TTL_MS'],
  ])('%s stops start-up suggesting %s', (unknown, meant) => {
    const error = failure({ [unknown]: '1' });
    expect(error.code).toBe('SWY_ERR_CONFIG_UNKNOWN_SETTING');
    expect(error.message).toBe(`${unknown} is not a Switchyard setting; did you mean ${meant}? Every setting is listed in docs/settings.md.`);
    expect(error.details).toEqual({ variables: [unknown], suggestions: { [unknown]: meant } });
  });

  it('is named without a guess when nothing declared is close, and every unknown one is named', () => {
    const error = failure({ SWITCHYARD_WEATHER_STATION: 'x', SWITCHYARD_LLM_TIMEOUT: '5' });
    expect(error.message).toBe(
      'SWITCHYARD_LLM_TIMEOUT is not a Switchyard setting; did you mean SWITCHYARD_LLM_TIMEOUT_MS? SWITCHYARD_WEATHER_STATION is not a Switchyard setting. Every setting is listed in docs/settings.md.',
    );
  });

  it('leaves other variables alone', () => {
    expect(readServiceConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production', AWS_PROFILE: 'dev' }).port).toBe(8080);
  });

  describe('that sources.yaml reads as ${NAME}', () => {
    let catalogDirectory: string;
    beforeAll(async () => {
      catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-config-'));
      const source = '  - { name: crm, kind: postgres, description: CRM, connection: { host: db, port: 5432, user: ro, password: "${SWITCHYARD_CRM_PASSWORD}", database: crm } }';
      await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), ['sources:', source].join('\n'));
    });
    afterAll(() => fs.rm(catalogDirectory, { recursive: true, force: true }));

    it('is the file\'s own, while a misspelt setting beside it is still refused', () => {
      const environment = { SWITCHYARD_CATALOG_DIR: catalogDirectory, SWITCHYARD_CRM_PASSWORD: 'secret' };
      expect(readServiceConfig(environment).environment.SWITCHYARD_CRM_PASSWORD).toBe('secret');
      expect(failure({ ...environment, SWITCHYARD_CRM_PASWORD: 'secret' }).details).toMatchObject({ variables: ['SWITCHYARD_CRM_PASWORD'] });
    });
  });
});
