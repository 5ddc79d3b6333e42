import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** JSON-RPC error codes the MCP answers use (the spec's, and the server range's first code). */
export const jsonRpcCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  invalidParams: -32602,
  internalError: -32603,
  serverError: -32000,
  sessionNotFound: -32001,
  resourceNotFound: -32002,
} as const;

/** The `data` of every JSON-RPC error Switchyard sends: the stable code, the HTTP status it has on REST, and its details. */
export interface JsonRpcErrorData {
  /** Stable error code, e.g. SWY_ERR_FORBIDDEN. */
  readonly code: string;
  /** The HTTP status the same failure has on the REST API. */
  readonly status: number;
  /** Whether repeating the call may succeed. */
  readonly retryable: boolean;
  /** Structured context, as in the REST error body. */
  readonly details?: Record<string, unknown>;
}

/** Any failure as a SwitchyardError: an unknown one is an internal error whose message never leaves the process. */
export function asSwitchyardError(error: unknown): SwitchyardError {
  return SwitchyardError.isInstance(error) ? error : new SwitchyardError('SWY_ERR_INTERNAL', 'Internal error', { cause: error });
}

/** The `data` member of a JSON-RPC error for `error`. */
export function jsonRpcErrorData(error: SwitchyardError): JsonRpcErrorData {
  return { code: error.code, status: error.statusCode, retryable: error.isRetryable, ...(error.details === undefined ? {} : { details: error.details }) };
}

/** The JSON-RPC error code closest to `error`: a parse error, an invalid request, an internal error, or the server range. */
export function jsonRpcCodeOf(error: SwitchyardError): number {
  const reason = error.details?.reason;
  if (reason === 'FST_ERR_CTP_INVALID_JSON_BODY' || reason === 'FST_ERR_CTP_EMPTY_JSON_BODY') return jsonRpcCodes.parseError;
  if (error.code === 'SWY_ERR_INTERNAL' || error.code === 'SWY_ERR_CONFIG_INVALID') return jsonRpcCodes.internalError;
  if (error.code === 'SWY_ERR_NOT_FOUND' && error.details?.mcpSession !== undefined) return jsonRpcCodes.sessionNotFound;
  if (error.statusCode === 400 || error.statusCode === 413 || error.statusCode === 415) return jsonRpcCodes.invalidRequest;
  return jsonRpcCodes.serverError;
}

/** A JSON-RPC error response body (no request id is known when the request itself failed). */
export function jsonRpcErrorBody(error: SwitchyardError, code = jsonRpcCodeOf(error)): { jsonrpc: '2.0'; id: null; error: { code: number; message: string; data: JsonRpcErrorData } } {
  return { jsonrpc: '2.0', id: null, error: { code, message: error.message, data: jsonRpcErrorData(error) } };
}

/** An error the SDK sends as this JSON-RPC error (its `code` and `data` are copied into the response). */
export function jsonRpcFailure(error: SwitchyardError, code = jsonRpcCodeOf(error)): Error & { code: number; data: JsonRpcErrorData } {
  return Object.assign(new Error(error.message), { code, data: jsonRpcErrorData(error) });
}

/** The `_meta` key of a failed tool result that holds its JSON-RPC-style error data. */
export const toolErrorMetaKey = 'switchyard/error';

/**
 * A failed tool call as the spec prefers it: a result with `isError`, so the model reads what went
 * wrong and can correct itself. The stable code leads the text, and `_meta` holds the same data as a
 * JSON-RPC error's; no structured content, which clients check against the tool's result schema.
 */
export function toolErrorResult(error: SwitchyardError): CallToolResult {
  // The details a model acts on, in words; all of them (attempts, routing) stay in `_meta`.
  const { advice, known } = error.details ?? {};
  const hints = [
    ...(typeof advice === 'string' ? [`What a rewrite must change: ${advice}`] : []),
    ...(Array.isArray(known) ? [`Known: ${known.join(', ')}`] : []),
  ];
  return {
    isError: true,
    content: [{ type: 'text', text: [`${error.code}: ${error.message}`, ...hints].join('\n') }],
    _meta: { [toolErrorMetaKey]: jsonRpcErrorData(error) },
  };
}

/** The stable code of a failure the MCP transport answered itself, by its HTTP status. */
const transportFailureCodes: Record<number, ErrorCode> = {
  400: 'SWY_ERR_VALIDATION',
  403: 'SWY_ERR_FORBIDDEN',
  404: 'SWY_ERR_NOT_FOUND',
  405: 'SWY_ERR_VALIDATION',
  406: 'SWY_ERR_VALIDATION',
  409: 'SWY_ERR_VALIDATION',
  413: 'SWY_ERR_PAYLOAD_TOO_LARGE',
  415: 'SWY_ERR_UNSUPPORTED_MEDIA_TYPE',
};

/**
 * A transport response as sent, except that a JSON-RPC error the SDK's transport wrote itself (a
 * missing Accept type, an unsupported protocol version, a message that is not JSON-RPC) gains the
 * same `data` as every other Switchyard error, with the stable code its HTTP status stands for.
 */
export async function withErrorData(response: Response): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const body = (await response.json()) as { error?: { message?: string; data?: unknown } };
  if (body.error !== undefined && body.error.data === undefined) {
    const code = transportFailureCodes[response.status] ?? 'SWY_ERR_INTERNAL';
    const failure = new SwitchyardError(code, body.error.message ?? 'The MCP request failed');
    body.error.data = { ...jsonRpcErrorData(failure), status: response.status };
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

/** The stable code of a JSON-RPC error the SDK raised itself (an unknown method, params it could not read), by its JSON-RPC code. */
const protocolFailureCodes: Record<number, ErrorCode> = {
  [jsonRpcCodes.parseError]: 'SWY_ERR_VALIDATION',
  [jsonRpcCodes.invalidRequest]: 'SWY_ERR_VALIDATION',
  [-32601]: 'SWY_ERR_NOT_FOUND',
  [jsonRpcCodes.invalidParams]: 'SWY_ERR_VALIDATION',
  [jsonRpcCodes.resourceNotFound]: 'SWY_ERR_NOT_FOUND',
};

/**
 * `transport`, sending every JSON-RPC error with Switchyard's `data`: those the tools and resources
 * raise carry it already; those the SDK answers on its own (an unknown method, unreadable params)
 * gain the stable code their JSON-RPC code stands for.
 */
export function withProtocolErrorData<Wrapped extends Transport>(transport: Wrapped): Wrapped {
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage, options) => {
    if (!('error' in message) || message.error.data !== undefined) return send(message, options);
    const failure = new SwitchyardError(protocolFailureCodes[message.error.code] ?? 'SWY_ERR_INTERNAL', message.error.message);
    return send({ ...message, error: { ...message.error, data: jsonRpcErrorData(failure) } }, options);
  };
  return transport;
}
