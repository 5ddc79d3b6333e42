import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A local service a test may need. */
export type LocalService = 'postgres' | 'mariadb' | 'redis';

const ports: Record<LocalService, number> = { postgres: 5432, mariadb: 3306, redis: 6379 };

/** Whether a service can be used, and why not. */
export interface ServiceAvailability {
  /** True when a TCP connection to 127.0.0.1 succeeded. */
  readonly available: boolean;
  /** Printed when tests skip. */
  readonly reason?: string;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Probes a local service. With CI=true an unreachable service is a failure (CI must test for real);
 * elsewhere the caller skips its tests and the reason is printed.
 */
export async function probeService(service: LocalService): Promise<ServiceAvailability> {
  const port = ports[service];
  if (await canConnect(port)) return { available: true };
  const reason = `${service} is not reachable on 127.0.0.1:${port}`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true requires it)`);
  console.warn(`[skip] ${reason}; its tests are skipped`);
  return { available: false, reason };
}

/** The repository root. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Resolves a path under ../shared (real data and benchmarks). Returns undefined, printing why,
 * when it is absent, as on a user's fresh clone.
 */
export function sharedPath(...segments: string[]): string | undefined {
  const candidate = path.resolve(repositoryRoot, '..', 'shared', ...segments);
  if (fs.existsSync(candidate)) return candidate;
  console.warn(`[skip] ${candidate} is absent; tests that need it are skipped`);
  return undefined;
}
