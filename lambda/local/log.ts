/**
 * The local service's logger: the same Powertools JSON logs as the Lambdas (ids, outcomes;
 * never bodies, addresses or numbers), WARN and up unless POWERTOOLS_LOG_LEVEL says otherwise,
 * so the console stays readable.
 */
import { createLogger } from '../logger.js';
import type { Log } from '../app/ports.js';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

export function createLocalLogger(env: NodeJS.ProcessEnv): Log {
  const wanted = (env.POWERTOOLS_LOG_LEVEL ?? 'WARN').toUpperCase();
  const level = LEVELS.find((l) => l === wanted) ?? 'WARN';
  return createLogger({ serviceName: 'local', logLevel: level });
}
