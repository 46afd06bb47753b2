#!/usr/bin/env node
/**
 * Bundles the `reschedule` CLI (lambda/cli.ts) into dist/cli.mjs with esbuild, so that
 * `npx reschedule draft "…"` starts in a fraction of a second instead of paying for tsx.
 *
 * - ESM, platform node, target node20, minified, with a `createRequire` banner so bundled
 *   CommonJS dependencies can still `require()` Node built-ins.
 * - Code splitting: what only `email` or `start` need (mail parsing, the local service)
 *   is loaded through dynamic imports and lands in dist/chunks/, so `draft` does not pay
 *   for it.
 * - Packages with native add-ons or that read their own files at run time (dynalite and
 *   its leveldb, the local stand-ins) stay external and load from node_modules.
 * - Output is written atomically (temporary file, then rename; chunks before the entry),
 *   so a process that starts during a rebuild never reads half a file.
 *
 * Runs on `npm ci` / `npm install` (the `prepare` script) and on `npm run build`;
 * bin/reschedule.mjs calls `buildCli()` itself when lambda/ is newer than the bundle.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zodEnglishOnly } from './lambda-bundle.mjs';

export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const outFile = join(projectRoot, 'dist', 'cli.mjs');

/** Run-time dependencies that must not be bundled (native add-ons, files read at run time). */
const EXTERNAL = [
  'dynalite',
  'level',
  'classic-level',
  'memory-level',
  'smtp-server',
  's3rver',
  'aws-ses-v2-local',
  'playwright-core',
  'esbuild',
  'fsevents',
];

// zod's message locales: only English is kept (the same plugin the Lambda bundles use).

/** Newest modification time (ms) of any file under `dir`, or 0 when it does not exist. */
export function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

/** Where a failed build is remembered, so the bin does not retry it until a source changes. */
const failureMarker = (root) => join(root, 'dist', '.build-failed');

/**
 * True when dist/cli.mjs is missing or older than lambda/ or this script. With
 * `{ retryFailed: false }`, a build that already failed on the current sources is not stale.
 */
export function isStale(root = projectRoot, { retryFailed = true } = {}) {
  const out = join(root, 'dist', 'cli.mjs');
  if (!existsSync(out)) return true;
  let built = statSync(out).mtimeMs;
  const marker = failureMarker(root);
  if (!retryFailed && existsSync(marker)) built = Math.max(built, statSync(marker).mtimeMs);
  const sources = Math.max(
    newestMtime(join(root, 'lambda')),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return sources > built;
}

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * Chunk names carry a content hash, so every rebuild adds files. Removes the ones the
 * current build did not write, once they are 10 minutes old (a CLI started before the
 * rebuild may still load its lazy chunks for a while).
 */
function removeOldChunks(current) {
  const dir = join(projectRoot, 'dist', 'chunks');
  if (!existsSync(dir)) return;
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (current.has(path) || current.has(path.replace(/\.map$/, ''))) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

/** Builds dist/cli.mjs (and its lazy chunks). Resolves to the output's size in bytes. */
export async function buildCli({ quiet = false, analyze = false } = {}) {
  const { build } = await import('esbuild');
  const started = performance.now();
  const marker = failureMarker(projectRoot);
  let result;
  try {
    result = await build({
      absWorkingDir: projectRoot,
      entryPoints: { cli: 'lambda/cli.ts' },
      outdir: 'dist',
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      external: EXTERNAL,
      banner: {
        js: "import { createRequire as __cliCreateRequire } from 'node:module'; const require = __cliCreateRequire(import.meta.url);",
      },
      plugins: [zodEnglishOnly],
      write: false,
      metafile: analyze,
      logLevel: quiet ? 'silent' : 'warning',
    });
  } catch (error) {
    writeAtomically(marker, `${new Date().toISOString()}\n`);
    throw error;
  }
  rmSync(marker, { force: true });
  const entry = join(projectRoot, 'dist', 'cli.mjs');
  const files = [...result.outputFiles].sort((a, b) =>
    a.path === entry ? 1 : b.path === entry ? -1 : 0,
  );
  let bytes = 0;
  for (const file of files) {
    writeAtomically(file.path, file.contents);
    if (file.path === entry) bytes = file.contents.byteLength;
  }
  removeOldChunks(new Set(files.map((f) => f.path)));
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    process.stderr.write(
      `built ${relative(projectRoot, entry)} (${Math.round(bytes / 1024)} KB, ${files.length} files) in ${ms} ms\n`,
    );
  }
  if (analyze) process.stderr.write(describeEntry(result.metafile, entry));
  return bytes;
}

/**
 * What `draft` loads (the entry and the chunks it imports statically), by package, largest
 * first; the dynamically imported chunks are left out.
 */
function describeEntry(metafile, entry) {
  const byPackage = new Map();
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !metafile.outputs[name]) return;
    seen.add(name);
    const output = metafile.outputs[name];
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = match ? match[1] : input.split('/').slice(0, 2).join('/');
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
    for (const imported of output.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(relative(projectRoot, entry));
  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  return [
    `what draft loads: ${Math.round(total / 1024)} KB in ${seen.size} files`,
    ...[...byPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([name, size]) => `${String(Math.round(size / 1024)).padStart(6)} KB  ${name}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildCli({ analyze: process.argv.includes('--analyze') });
  } catch (error) {
    if (
      error &&
      error.code === 'ERR_MODULE_NOT_FOUND' &&
      String(error.message).includes('esbuild')
    ) {
      // `npm ci --omit=dev` has no esbuild: the CLI is a development tool, so skip quietly.
      process.stderr.write('build-cli: esbuild is not installed; skipping the CLI bundle\n');
    } else {
      process.stderr.write(
        `build-cli: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}
