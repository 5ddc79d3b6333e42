import { describe, expect, it } from 'vitest';
import { connectHttpClient, listenTestApp, openRawSession, postMcp, SalesModel } from './mcp-test-support.js';

const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
const inSession = (sessionId: string) => ({ 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });

describe('MCP sessions over HTTP: bounded, expiring, and no obstacle to shutdown', () => {
  it('closes the least recently used session past the cap, and an unused one after the idle time', async () => {
    const { app, mcpUrl } = await listenTestApp({
      languageModel: new SalesModel(),
      environment: { SWITCHYARD_MCP_MAX_SESSIONS: '2', SWITCHYARD_MCP_SESSION_IDLE_SECONDS: '1' },
    });
    try {
      const first = await openRawSession(mcpUrl);
      const second = await openRawSession(mcpUrl);
      // Using the first makes the second the least recently used.
      expect((await postMcp(mcpUrl, listTools, inSession(first))).status).toBe(200);
      const third = await openRawSession(mcpUrl);
      expect((await postMcp(mcpUrl, listTools, inSession(second))).status).toBe(404);
      expect((await postMcp(mcpUrl, listTools, inSession(first))).status).toBe(200);
      expect((await postMcp(mcpUrl, listTools, inSession(third))).status).toBe(200);
      // Unused for more than a second, both close at the next sweep (each second); the client is told to initialize again.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await postMcp(mcpUrl, listTools, inSession(third))).status).toBe(404);
      expect((await postMcp(mcpUrl, listTools, inSession(first))).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('shuts down without waiting out the grace period on open notification streams', async () => {
    const { app, mcpUrl } = await listenTestApp({ languageModel: new SalesModel(), environment: { SWITCHYARD_SHUTDOWN_GRACE_MS: '20000' } });
    const client = await connectHttpClient(mcpUrl);
    // The SDK client opens its notification stream (GET /mcp) right after initializing.
    await expect.poll(async () => (await app.metrics.inFlight.get()).values[0]?.value, { timeout: 5_000 }).toBeGreaterThan(0);
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    await client.close().catch(() => undefined);
  });
});
