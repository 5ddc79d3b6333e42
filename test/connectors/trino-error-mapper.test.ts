import { describe, expect, it } from 'vitest';
import { TrinoProtocolFailure, TrinoQueryFailure } from '../../src/connectors/trino/trino-failures.js';
import { mapTrinoError } from '../../src/connectors/trino/trino-error-mapper.js';
import { parseTrinoJson } from '../../src/connectors/trino/trino-wire-format.js';

const context = { sourceName: 'warehouse', password: 'hunter2-secret', requestTimeoutMs: 10_000 };

function queryError(errorName: string, errorType: string, message = `${errorName} happened`): TrinoQueryFailure {
  return new TrinoQueryFailure({ message, errorName, errorType, errorCode: 1 });
}

describe('mapTrinoError', () => {
  it.each([
    ['SYNTAX_ERROR', 'USER_ERROR', 'SWY_ERR_QUERY_FAILED'],
    ['TABLE_NOT_FOUND', 'USER_ERROR', 'SWY_ERR_QUERY_FAILED'],
    ['READ_ONLY_VIOLATION', 'USER_ERROR', 'SWY_ERR_QUERY_FAILED'],
    ['EXCEEDED_GLOBAL_MEMORY_LIMIT', 'INSUFFICIENT_RESOURCES', 'SWY_ERR_QUERY_FAILED'],
    ['EXCEEDED_TIME_LIMIT', 'INSUFFICIENT_RESOURCES', 'SWY_ERR_QUERY_TIMEOUT'],
    ['USER_CANCELED', 'USER_ERROR', 'SWY_ERR_QUERY_CANCELLED'],
    ['QUERY_QUEUE_FULL', 'INSUFFICIENT_RESOURCES', 'SWY_ERR_SOURCE_UNAVAILABLE'],
    ['GENERIC_INTERNAL_ERROR', 'INTERNAL_ERROR', 'SWY_ERR_SOURCE_UNAVAILABLE'],
    ['NO_NODES_AVAILABLE', 'INTERNAL_ERROR', 'SWY_ERR_SOURCE_UNAVAILABLE'],
    ['JDBC_ERROR', 'EXTERNAL', 'SWY_ERR_SOURCE_UNAVAILABLE'],
    ['UNKNOWN_TRANSACTION', 'USER_ERROR', 'SWY_ERR_SOURCE_UNAVAILABLE'],
  ])('maps %s (%s) to %s', (errorName, errorType, code) => {
    expect(mapTrinoError(queryError(errorName, errorType), context).code).toBe(code);
  });

  it("keeps the engine's message verbatim and its errorName as engineCode for query errors", () => {
    const message = "line 1:8: Column 'x' cannot be resolved";
    const mapped = mapTrinoError(queryError('COLUMN_NOT_FOUND', 'USER_ERROR', message), context);
    expect(mapped.message).toBe(message);
    expect(mapped.details).toEqual({ source: 'warehouse', engineCode: 'COLUMN_NOT_FOUND' });
  });

  it('says what to change when a transaction is lost between coordinators', () => {
    expect(mapTrinoError(queryError('UNKNOWN_TRANSACTION', 'USER_ERROR'), context).message).toContain('readOnlyTransaction: false');
  });

  it('reads protocol failures by status: credentials refused, a statement Trino cannot take, a lost query', () => {
    const refused = mapTrinoError(new TrinoProtocolFailure(401, 'HTTP 401: Access Denied: Invalid credentials for hunter2-secret'), context);
    expect(refused.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
    expect(refused.message).toContain('connection.user or connection.password');
    expect(refused.message).not.toContain('hunter2-secret');
    expect(mapTrinoError(new TrinoProtocolFailure(400, 'HTTP 400: SQL statement is empty'), context).code).toBe('SWY_ERR_QUERY_FAILED');
    expect(mapTrinoError(new TrinoProtocolFailure(410, 'HTTP 410: Gone'), context).code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
  });

  it('lets our own interruption win over whatever the request failed with', () => {
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(mapTrinoError(aborted, { ...context, interruptReason: 'timeout' }).code).toBe('SWY_ERR_QUERY_TIMEOUT');
    expect(mapTrinoError(queryError('SYNTAX_ERROR', 'USER_ERROR'), { ...context, interruptReason: 'cancelled' }).code).toBe('SWY_ERR_QUERY_CANCELLED');
  });
});

describe('parseTrinoJson', () => {
  it('reads integers past 2^53 as exact strings and leaves strings, decimals and exponents alone', () => {
    const text = '{"data":[[9007199254740993,-12345678901234567890,"12345678901234567890",1.2345678901234567E19,0.12345678901234567,42]]}';
    expect(parseTrinoJson(text)).toEqual({
      data: [['9007199254740993', '-12345678901234567890', '12345678901234567890', 1.2345678901234567e19, 0.12345678901234567, 42]],
    });
  });
});
