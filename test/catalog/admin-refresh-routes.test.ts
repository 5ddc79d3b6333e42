import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { createCatalogFixture, type CatalogFixture } from './catalog-fixture.js';

describe('admin catalog refresh and catalog status', () => {
  let fixture: CatalogFixture;
  let app: FastifyInstance;
  let closedApp: FastifyInstance;
  beforeAll(async () => {
    fixture = await createCatalogFixture();
    const environment = { SWITCHYARD_DATA_DIR: fixture.dataDirectory };
    app = await buildTestApp({ catalogDirectory: fixture.catalogDirectory, environment: { ...environment, SWITCHYARD_ADMIN_TOKEN: 's3cret-admin' } });
    closedApp = await buildTestApp({ catalogDirectory: fixture.catalogDirectory, environment });
  });
  afterAll(async () => {
    await app?.close();
    await closedApp?.close();
    await fixture?.remove();
  });

  const refresh = (target: FastifyInstance, authorization?: string) =>
    target.inject({ method: 'POST', url: '/admin/catalog/refresh', ...(authorization ? { headers: { authorization } } : {}) });

  it('is closed when no admin token is configured, naming the variable that enables it', async () => {
    const response = await refresh(closedApp, 'Bearer anything');
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_ADMIN_DISABLED', details: { variable: 'SWITCHYARD_ADMIN_TOKEN' } });
    expect(response.json().error.message).toContain('SWITCHYARD_ADMIN_TOKEN');
  });

  it('answers 401 without the bearer token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 's3cret-admin', 'Basic czNjcmV0LWFkbWlu']) {
      const response = await refresh(app, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('SWY_ERR_ADMIN_UNAUTHORIZED');
    }
  });

  it('refreshes with the token and reports per-source status', async () => {
    await waitForIdle(app);
    const response = await refresh(app, 'Bearer s3cret-admin');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.version).toMatch(/^[0-9a-f]{16}$/);
    expect(body.refreshing).toBe(false);
    expect(body.lastRefresh.finishedAt).toBeTruthy();
    expect(body.sources).toEqual([{ name: 'sales', origin: 'introspection', healthy: true, loadedAt: expect.any(String), tables: 6, error: null }]);
    const status = await app.inject({ method: 'GET', url: '/catalog/status' });
    expect(status.statusCode).toBe(200);
    expect(status.json().version).toBe(body.version);
  });

  it('answers 409 while a refresh runs, and /query-side reads keep being served', async () => {
    await waitForIdle(app);
    const [first, second, catalog] = await Promise.all([refresh(app, 'Bearer s3cret-admin'), refresh(app, 'Bearer s3cret-admin'), app.inject({ method: 'GET', url: '/sources' })]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const conflict = first.statusCode === 409 ? first : second;
    expect(conflict.json().error.code).toBe('SWY_ERR_REFRESH_IN_PROGRESS');
    expect(catalog.statusCode).toBe(200);
  });

  it('reports a bad overlay with file and line and keeps serving the old snapshot', async () => {
    await waitForIdle(app);
    const before = (await app.inject({ method: 'GET', url: '/catalog/status' })).json().version;
    await fixture.writeOverlay('broken.yaml', 'source: sales\ntables:\n  users:\n    hiden: true\n');
    try {
      const response = await refresh(app, 'Bearer s3cret-admin');
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('SWY_ERR_CONFIG_INVALID');
      expect(response.json().error.message).toMatch(/broken\.yaml:4:/);
      const status = (await app.inject({ method: 'GET', url: '/catalog/status' })).json();
      expect(status.version).toBe(before);
      expect(status.lastRefresh.error).toMatch(/broken\.yaml/);
    } finally {
      const fs = await import('node:fs/promises');
      await fs.rm(`${fixture.catalogDirectory}/overlays/broken.yaml`);
    }
  });
});

/** The app may still be finishing its start-up background refresh (persisted snapshot case). */
async function waitForIdle(app: FastifyInstance): Promise<void> {
  while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
}
