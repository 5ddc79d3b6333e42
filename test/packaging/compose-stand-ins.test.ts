import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repositoryRoot } from '../helpers/services.js';

/** The parts of a compose service this test reads. */
interface ComposeService {
  /** Services started first, with the condition to wait for. */
  readonly depends_on?: Record<string, { condition?: string }>;
  /** How compose tells the service is healthy. */
  readonly healthcheck?: { test?: unknown };
}

describe('docker-compose.yml', () => {
  it('starts Switchyard only once every database stand-in reports healthy', async () => {
    const compose = parse(await fs.readFile(path.join(repositoryRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
    const standIns = Object.keys(compose.services).filter((name) => name !== 'switchyard');
    expect(standIns.length).toBeGreaterThan(0);
    for (const name of standIns) {
      // A stand-in without a healthcheck would never become healthy and Switchyard would never start.
      expect(compose.services[name]!.healthcheck?.test, name).toBeDefined();
      expect(compose.services.switchyard!.depends_on?.[name], name).toEqual({ condition: 'service_healthy' });
    }
  });
});
