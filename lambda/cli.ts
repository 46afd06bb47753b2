/**
 * Entry point of the `reschedule` CLI (bundled into dist/cli.mjs by scripts/build-cli.mjs,
 * run by bin/reschedule.mjs). The commands live in lambda/cli/; this file only binds them
 * to the process: argv, the standard streams, the clock and the stop signals.
 */
import './v8-flags.js';
import { runCli } from './cli/main.js';

// `reschedule … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

const argv = process.argv.slice(2);
process.exitCode = await runCli(argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date().toISOString(),
  stopSignal,
});

// `start` has closed its servers; a timer or socket a library left behind must not keep the
// process alive after Ctrl-C.
if (argv[0] === 'start') process.exit(process.exitCode);
