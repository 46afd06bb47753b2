#!/usr/bin/env node
// The `reschedule` command (package.json "bin"). Runs the prebuilt bundle dist/cli.mjs;
// in a source checkout it first rebuilds the bundle when lambda/ changed since the last
// build (or it is missing), so `npm start` and `npx reschedule` never run stale code.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (existsSync(join(root, 'lambda', 'cli.ts'))) {
  const { buildCli, isStale } = await import('../scripts/build-cli.mjs');
  // A build that failed on these very sources is not retried on every run.
  if (isStale(root, { retryFailed: false })) {
    try {
      await buildCli({ quiet: true });
    } catch (error) {
      // esbuild's BuildFailure lists its errors; name the first one, where it is.
      const first = error?.errors?.[0];
      const why = first
        ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}`
        : String(error?.message ?? error).split('\n')[0];
      const fallback = existsSync(join(root, 'dist', 'cli.mjs'));
      process.stderr.write(
        `reschedule: cannot rebuild dist/cli.mjs (${why}; npm run build shows why)${fallback ? ': running the previous build' : ''}\n`,
      );
      if (!fallback) process.exit(1);
    }
  }
}
await import('../dist/cli.mjs');
