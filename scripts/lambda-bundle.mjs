#!/usr/bin/env node
/**
 * Bundles one Lambda handler: the one set of esbuild options for every Lambda, used by
 * infra/constructs/node-function.ts (after NodejsFunction's own esbuild run, as its
 * `afterBundling` hook, because NodejsFunction passes esbuild no plugins and no code
 * splitting), by scripts/bench.ts and by scripts/analyze-bundles.mjs.
 *
 *   node scripts/lambda-bundle.mjs lambda/handlers/sms.ts <outdir> [--target node24]
 *
 * What differs from NodejsFunction's defaults, and why (issue #7, cold start):
 * - Code splitting: what a handler loads with `await import()` (Twilio's REST client, only
 *   when an SMS is sent) lands in `chunks/` beside `index.mjs` and is read and compiled only
 *   on that path, not at every cold start.
 * - zod's 40-odd message locales are left out (the `en` one stays; scripts/build-cli.mjs
 *   does the same): ~250 KB no function uses.
 * - One copy of libmime (mailparser imports its ESM build, mailsplit requires its CJS one);
 *   the email pipeline's outcomes and replies on lambda/local/samples are byte-identical
 *   bundled and from source.
 * - The AWS SDK stays bundled (not external, unlike NodejsFunction's default): the pinned
 *   versions of package.json are the ones the tests ran against, the runtime's copy is an
 *   older, unpinned release, and a bundled, minified client loads no slower than the
 *   runtime's CommonJS one (the bench counts it either way, since it is in the bundle).
 *
 * Writes `<outdir>/index.mjs`, `<outdir>/chunks/*.mjs` and their source maps.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The Lambda handlers, by function name. */
export const HANDLERS = {
  email: 'lambda/handlers/email.ts',
  webhook: 'lambda/handlers/webhook.ts',
  sms: 'lambda/handlers/sms.ts',
  reminder: 'lambda/handlers/reminder.ts',
};

/** The `createRequire` banner: bundled CommonJS dependencies still `require()` built-ins. */
export const BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * zod's `z` namespace re-exports every message locale (`z.locales`), which esbuild cannot
 * tree-shake; the project uses only the default English messages.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (
        !/[\\/]zod[\\/]v4[\\/](?:classic[\\/]external|mini[\\/]external|core[\\/]index)\.js$/.test(
          args.importer,
        )
      ) {
        return undefined;
      }
      return { path: join(dirname(args.importer), '..', 'locales'), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.path, 'en.js'))};`,
      loader: 'js',
      resolveDir: args.path,
    }));
  },
};

/**
 * mailparser imports libmime's ESM build and @zone-eu/mailsplit `require()`s its CommonJS
 * build: two copies (~90 KB), each building iconv codecs when it loads. Both builds export
 * the same `Libmime` instance shape, so `require('libmime')` gets the ESM one's default.
 */
export const oneLibmime = {
  name: 'one-libmime',
  setup(build) {
    build.onResolve({ filter: /^libmime$/ }, async (args) => {
      if (args.kind !== 'require-call') return undefined;
      // The file an `import` from the same place gets (the ESM build, by package.json exports).
      const esm = await build.resolve('libmime', {
        kind: 'import-statement',
        resolveDir: args.resolveDir,
      });
      if (esm.errors.length > 0) return undefined;
      return { path: esm.path, namespace: 'one-libmime' };
    });
    build.onLoad({ filter: /.*/, namespace: 'one-libmime' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)}).default;`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** Where the lazily read iconv-lite tables go, beside `index.mjs`. */
export const TABLES_DIR = 'iconv-tables';

/**
 * iconv-lite (libmime's charset decoder) `require()`s its double-byte tables (Shift_JIS,
 * EUC-JP, GBK, Big5, EUC-KR: ~430 KB of JSON) inside functions, the first time a mail in one
 * of those charsets is decoded; bundled, they would be read and parsed at every cold start.
 * They are copied to `<outdir>/iconv-tables/` instead and required from there when needed.
 * The requiring code may land in `index.mjs` or in a chunk one folder down: the stand-in
 * tries both places (each output file's `require` resolves relative to that file).
 */
export const lazyIconvTables = {
  name: 'lazy-iconv-tables',
  setup(build) {
    const tables = new Map();
    build.onResolve({ filter: /^\.\/tables\/[\w-]+\.json$/ }, (args) => {
      if (!/[\\/]iconv-lite[\\/]encodings$/.test(args.resolveDir)) return undefined;
      const file = join(args.resolveDir, args.path);
      tables.set(basename(file), file);
      return { path: basename(file), namespace: 'lazy-iconv-table' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-iconv-table' }, (args) => {
      const near = `./${TABLES_DIR}/${args.path}`;
      const up = `../${TABLES_DIR}/${args.path}`;
      return {
        contents: `try { module.exports = require(${JSON.stringify(near)}); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') throw e; module.exports = require(${JSON.stringify(up)}); }`,
        loader: 'js',
      };
    });
    build.onResolve({ filter: new RegExp(`^\\.\\.?/${TABLES_DIR}/`) }, (args) =>
      args.namespace === 'lazy-iconv-table' ? { path: args.path, external: true } : undefined,
    );
    build.onEnd((result) => {
      const { outdir, write } = build.initialOptions;
      if (result.errors.length > 0 || !outdir || write === false) return;
      const dir = join(outdir, TABLES_DIR);
      rmSync(dir, { recursive: true, force: true });
      if (tables.size === 0) return;
      mkdirSync(dir, { recursive: true });
      for (const [name, file] of tables) copyFileSync(file, join(dir, name));
    });
  },
};

/**
 * esbuild options for one handler. `target`: the runtime's Node (node24 in Lambda; the bench
 * runs on the machine's Node). Source maps only where asked (the deployed bundle has them).
 */
export function lambdaBuildOptions({
  root = projectRoot,
  entry,
  outdir,
  target = 'node24',
  sourcemap = false,
}) {
  return {
    absWorkingDir: root,
    entryPoints: { index: resolve(root, entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target,
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap,
    legalComments: 'none',
    logLevel: 'error',
    banner: { js: BANNER },
    plugins: [zodEnglishOnly, oneLibmime, lazyIconvTables],
  };
}

/**
 * The output files a cold start reads: `index.mjs` and the chunks it imports statically,
 * transitively (shared chunks), from an esbuild metafile. Everything else is lazy.
 */
export function coldStartOutputs(metafile) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => /(?:^|[\\/])index\.mjs$/.test(path));
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !outputs[path]) return;
    seen.add(path);
    for (const imported of outputs[path].imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  if (entry) visit(entry);
  return seen;
}

/** Builds `entry` into `outdir` (replacing any earlier index.mjs and chunks). */
export async function bundleLambda(options) {
  const { build } = await import('esbuild');
  mkdirSync(options.outdir, { recursive: true });
  rmSync(join(options.outdir, 'chunks'), { recursive: true, force: true });
  for (const name of readdirSync(options.outdir)) {
    if (/^index\.mjs(?:\.map)?$/.test(name)) rmSync(join(options.outdir, name), { force: true });
  }
  return build({ ...lambdaBuildOptions(options), metafile: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, outdir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const at = process.argv.indexOf('--target');
  if (!entry || !outdir) {
    process.stderr.write(
      'usage: node scripts/lambda-bundle.mjs <entry> <outdir> [--target node24]\n',
    );
    process.exit(2);
  }
  try {
    await bundleLambda({
      entry,
      outdir: resolve(outdir),
      target: at > 0 ? process.argv[at + 1] : 'node24',
      sourcemap: !process.argv.includes('--no-sourcemap'),
    });
  } catch (error) {
    process.stderr.write(
      `lambda-bundle: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
