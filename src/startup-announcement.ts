import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Settings } from './config/settings.js';
import { SwitchyardError } from './errors/switchyard-error.js';

/**
 * The address a browser on this machine opens: a wildcard bind (0.0.0.0, ::) is not an address to
 * type, and the port is the bound one, so PORT=0 shows the port the system chose.
 */
function pageUrl(app: FastifyInstance, settings: Settings): string {
  const address = app.server.address() as AddressInfo | null;
  const port = address?.port ?? settings.port;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Says the service is ready and where, as a log record: a machine reading JSON lines gets the `url`
 * field, and a terminal shows the record as a readable line (see readable-log-stream).
 */
export function announceReady(app: FastifyInstance, settings: Settings): void {
  const url = pageUrl(app, settings);
  app.log.info({ url }, `Switchyard is ready: open ${url}`);
}

/**
 * A listen failure the operator fixes with a setting (port taken, port reserved, host not on this
 * machine) as a SwitchyardError naming that setting; anything else is returned unchanged.
 */
export function listenFailure(error: unknown, settings: Settings): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${settings.host}:${settings.port}`;
  const fixes: Record<string, string> = {
    EADDRINUSE: `port ${settings.port} on ${settings.host} is already in use; stop the other server or start with another port, e.g. PORT=${settings.port + 1}`,
    EACCES: `this user may not listen on ${where}; start with a port above 1023, e.g. PORT=8080`,
    EADDRNOTAVAIL: `${settings.host} is not an address of this machine; start with HOST=127.0.0.1 (or HOST=0.0.0.0 to listen on every interface)`,
  };
  const fix = code === undefined ? undefined : fixes[code];
  if (fix === undefined) return error;
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Cannot listen on ${where}: ${fix}.`, {
    details: { variable: code === 'EADDRNOTAVAIL' ? 'HOST' : 'PORT' },
    cause: error,
  });
}
