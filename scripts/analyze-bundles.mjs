#!/usr/bin/env node
/**
 * What each Lambda bundle is made of: builds lambda/handlers/{email,webhook,sms,reminder}.ts
 * with the Lambda bundling options (scripts/lambda-bundle.mjs, which
 * infra/constructs/node-function.ts runs) and prints the bytes each package contributes to
 * `index.mjs` (what every cold start reads), largest first, then the lazy chunks.
 *
 *   node scripts/analyze-bundles.mjs                 # all four, top 15 packages each
 *   node scripts/analyze-bundles.mjs email --top 40  # one handler, more rows
 *   node scripts/analyze-bundles.mjs --files         # by input file instead of by package
 *   node scripts/analyze-bundles.mjs --json          # the raw metafiles' summaries as JSON
 *
 * Nothing is written to disk.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { coldStartOutputs, HANDLERS, lambdaBuildOptions } from './lambda-bundle.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
const names = wanted.length ? wanted : Object.keys(HANDLERS);

/** `node_modules/@scope/name/...` -> `@scope/name`; project files -> their top folder. */
function keyOf(input, byFile) {
  if (byFile) return input;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.replaceAll('\\', '/'));
  return match ? match[1] : input.split('/').slice(0, 2).join('/');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(8)} KB`;
const summaries = {};
for (const name of names) {
  const entry = HANDLERS[name];
  if (!entry) throw new Error(`unknown handler ${name}; expected one of ${Object.keys(HANDLERS)}`);
  const result = await build({
    ...lambdaBuildOptions({ root, entry, outdir: join(root, '.bench', name) }),
    write: false,
    metafile: true,
  });
  const cold = coldStartOutputs(result.metafile);
  const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const loaded = outputs.filter(([path]) => cold.has(path));
  const chunks = outputs.filter(([path]) => !cold.has(path));
  const bytes = loaded.reduce((sum, [, o]) => sum + o.bytes, 0);
  const sizes = new Map();
  for (const [, output] of loaded) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = keyOf(input, flag('--files'));
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
  }
  const sorted = [...sizes].sort((a, b) => b[1] - a[1]);
  const external = loaded.flatMap(([, o]) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
  /** A chunk by its largest package: `twilio (chunk-X.mjs)`. */
  const chunkName = (path, o) => {
    const top = Object.entries(o.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)[0];
    return `${top ? keyOf(top[0], false) : 'empty'} (${path.split('/').pop()})`;
  };
  const lazy = Object.fromEntries(
    chunks.filter(([, o]) => o.bytes > 1024).map(([path, o]) => [chunkName(path, o), o.bytes]),
  );
  summaries[name] = { bytes, inputs: Object.fromEntries(sorted), external, lazy };
  if (flag('--json')) continue;
  process.stdout.write(
    `\n${name} (${entry}): ${kb(bytes).trim()} minified at cold start (index.mjs + ${loaded.length - 1} static chunks), ${sorted.length} ${flag('--files') ? 'files' : 'packages'}\n`,
  );
  for (const [key, bytes] of sorted.slice(0, top)) process.stdout.write(`${kb(bytes)}  ${key}\n`);
  const rest = sorted.slice(top).reduce((sum, [, bytes]) => sum + bytes, 0);
  if (rest) process.stdout.write(`${kb(rest)}  (${sorted.length - top} more)\n`);
  for (const [chunk, bytes] of Object.entries(lazy)) {
    process.stdout.write(`${kb(bytes)}  lazy chunk ${chunk}\n`);
  }
  const modules = [...new Set(external.filter((p) => !p.startsWith('node:')))];
  if (modules.length) process.stdout.write(`  external: ${modules.join(', ')}\n`);
}
if (flag('--json')) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
