/**
 * V8 settings for every entry point (the Lambda handlers, the CLI, the local service),
 * imported before anything else so they hold before the first regular expression runs.
 *
 * `--no-regexp-peephole-optimization`: V8 first runs a regular expression in its bytecode
 * interpreter, optimizing the bytecode, and compiles it to machine code once it runs again.
 * The classifier's lexicon (lambda/core/classify/) is a few dozen large alternations, and that
 * bytecode optimization made the first `classify` of a process cost 75-100 ms, against 25-35
 * ms without it; every later call runs the machine code either way. It is what a cold start's
 * first request waits for (`npm run bench`: "cold start to first answer").
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-regexp-peephole-optimization');
