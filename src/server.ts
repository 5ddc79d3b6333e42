// First, so the flag it sets is in place before any module below builds an AWS client.
import './aws-sdk-version-notice.js';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ServiceConfig } from './config/service-config.js';
import { readServiceConfig } from './config/service-config-reader.js';
import { SwitchyardError } from './errors/switchyard-error.js';
import { readableLogStream } from './readable-log-stream.js';
import { announceReady, listenFailure } from './startup-announcement.js';

let app: FastifyInstance;
let config: ServiceConfig;
try {
  config = readServiceConfig();
  // JSON lines for machines; a person at a terminal gets the same records as readable lines.
  const stream = process.stdout.isTTY ? { stream: readableLogStream(process.stdout) } : {};
  app = await buildApp({ config, logger: { level: config.logLevel, ...stream } });
  await app.listen({ host: config.host, port: config.port }).catch((error: unknown) => {
    throw listenFailure(error, config);
  });
  announceReady(app, config);
} catch (error) {
  // A configuration mistake is the operator's to fix: print the code and message, not a stack.
  if (SwitchyardError.isInstance(error)) console.error(`switchyard: ${error.code}: ${error.message}`);
  else console.error('switchyard: failed to start', error);
  process.exit(1);
}

// Drain in-flight requests and close connection pools on SIGTERM/SIGINT. Requests drain for the
// grace period, then any still running are aborted (503 SWY_ERR_SHUTTING_DOWN) and pools, Redis and
// the audit log close; the hard exit a little later is only a fallback should closing itself hang.
closeWithGrace({ delay: config.shutdownGraceMs + 5_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});
