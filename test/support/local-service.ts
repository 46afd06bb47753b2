/**
 * Starts the whole local service (`reschedule start`) in-process on free loopback ports with
 * a fresh data folder, for integration and browser tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalService, type LocalService } from '../../lambda/local/server.js';

export interface LocalHarness {
  readonly dataDir: string;
  service: LocalService;
  /** Stops and starts the service again on the same data folder (a process restart). */
  restart(): Promise<LocalService>;
  stop(): Promise<void>;
}

export async function startLocalHarness(env: NodeJS.ProcessEnv = {}): Promise<LocalHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reschedule-local-'));
  const start = () =>
    startLocalService({
      port: 0,
      smtpPort: 0,
      dataDir,
      banner: false,
      schedulerIntervalMs: 200,
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    });
  const harness: LocalHarness = {
    dataDir,
    service: await start(),
    async restart() {
      await harness.service.close();
      harness.service = await start();
      return harness.service;
    },
    async stop() {
      await harness.service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
