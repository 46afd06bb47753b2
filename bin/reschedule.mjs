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
  if (isStale(root)) {
    try {
      await buildCli({ quiet: true });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      process.stderr.write(`reschedule: cannot build dist/cli.mjs (${why}); run npm run build\n`);
      if (!existsSync(join(root, 'dist', 'cli.mjs'))) process.exit(1);
    }
  }
}
await import('../dist/cli.mjs');
