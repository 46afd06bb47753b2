/**
 * The local service's logger: the same Powertools JSON logs as the Lambdas (ids, outcomes;
 * never bodies, addresses or numbers), WARN and up unless POWERTOOLS_LOG_LEVEL says otherwise,
 * so the console stays readable.
 */
import { createLogger } from '../logger.js';
import type { Log } from '../app/ports.js';

export function createLocalLogger(env: NodeJS.ProcessEnv): Log {
  const level = env.POWERTOOLS_LOG_LEVEL ? undefined : 'WARN';
  return createLogger({ serviceName: 'local', ...(level ? { logLevel: level } : {}) });
}
