/**
 * One Powertools Logger per function, built here so every Lambda logs the same way:
 * structured JSON, the service name, the level from POWERTOOLS_LOG_LEVEL (Powertools reads
 * it). Log ids, channel, category and outcomes; never bodies, addresses or phone numbers.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export interface LoggerOptions {
  /** The function's role in logs (`webhook`, `reminder`). */
  readonly serviceName: string;
  /** Overrides POWERTOOLS_LOG_LEVEL; tests pass 'SILENT'. */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined;
}

export function createLogger(options: LoggerOptions): Logger {
  return new Logger({
    serviceName: `interview-reschedule-${options.serviceName}`,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
}
