import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { replyWithError } from './error-reply-writer.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { mcpCaller } from '../mcp/mcp-caller.js';
import { jsonRpcErrorBody, withErrorData } from '../mcp/mcp-error-mapping.js';
import { createMcpServer } from '../mcp/mcp-server-factory.js';
import { McpSessionRegistry } from '../mcp/mcp-session-registry.js';
import { isAllowedOrigin } from '../mcp/origin-policy.js';
import { watchSourceSchemas } from '../mcp/source-schema-resource.js';

/** The request as a web-standard Request for the SDK's transport; Fastify has already parsed (and size-checked) the body. */
function webRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(`${request.protocol}://${request.host}${request.url}`, { method: request.method, headers });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * /mcp: the Model Context Protocol over Streamable HTTP (POST for messages, GET for the notification
 * stream, DELETE to end a session), beside the REST API and held to the same access model: the API
 * key (checked before anything reaches MCP, 401 without one) decides the client and its sources,
 * the rate limit and body limit apply, the Origin is checked against DNS rebinding, and every
 * failure is a JSON-RPC error whose `data.code` is the stable SWY_ERR_* code.
 */
const mcpRoutes: FastifyPluginAsync = async (app) => {
  const services = app.mcpServices;
  const sessions = new McpSessionRegistry(
    { maxSessions: services.settings.mcpMaxSessions, idleMs: services.settings.mcpSessionIdleSeconds * 1000 },
    (caller) => createMcpServer(services, caller),
  );
  watchSourceSchemas(app.catalog, () => sessions.notifyResourceListChanged());
  // Notification streams never end on their own: they close when shutdown starts, not when its grace runs out.
  app.closingSignal.addEventListener('abort', () => sessions.closeNotificationStreams(), { once: true });
  app.addHook('onClose', async () => sessions.close());

  // Everything refused here, from the key check and the rate limit to a body that is not JSON, is a JSON-RPC error.
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply, jsonRpcErrorBody));

  app.addHook('onRequest', async (request) => {
    const origin = header(request, 'origin');
    if (!isAllowedOrigin(origin, header(request, 'host'), services.settings.mcpAllowedOrigins)) {
      throw new SwitchyardError('SWY_ERR_FORBIDDEN', `Origin ${origin} may not call /mcp; list it in SWITCHYARD_MCP_ALLOWED_ORIGINS if it should`, { details: { origin } });
    }
  });

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const caller = mcpCaller(request.apiClient);
    const sessionId = header(request, 'mcp-session-id');
    let response: Response;
    if (sessionId !== undefined) {
      // Another client's session answers exactly like an unknown or expired one.
      const session = sessions.find(sessionId, caller.client?.id);
      if (session === undefined) {
        throw new SwitchyardError('SWY_ERR_NOT_FOUND', 'This MCP session is unknown or has expired; initialize a new one', { details: { mcpSession: sessionId } });
      }
      response = await session.transport.handleRequest(webRequest(request), { parsedBody: request.body });
      if (request.method === 'GET' && response.ok) reply.raw.once('close', sessions.streamOpened(session));
    } else if (request.method === 'POST' && isInitializeRequest(request.body)) {
      const transport = await sessions.open(caller);
      response = await transport.handleRequest(webRequest(request), { parsedBody: request.body });
      // An initialize the transport refused opened no session: nothing will ever reach this transport again.
      if (transport.sessionId === undefined) await transport.close();
    } else {
      throw new SwitchyardError('SWY_ERR_VALIDATION', 'No Mcp-Session-Id header: send an initialize request first, then the session id it returns with every request');
    }
    return reply.send(await withErrorData(response));
  }

  // Not in the OpenAPI document: one JSON-RPC endpoint, described in the README's MCP section.
  app.route({ method: ['POST', 'GET', 'DELETE'], url: '/mcp', schema: { hide: true }, handler: handle });
};

export default mcpRoutes;
