/**
 * The esbuild options of the Lambda bundles, in one place for the tools that build them
 * outside CDK (scripts/bench.ts, scripts/analyze-bundles.mjs). They mirror the `bundling`
 * of infra/constructs/node-function.ts; test/unit/infra checks nothing here, so keep the two
 * in step by hand when either changes.
 */
import { join } from 'node:path';

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

/** esbuild options for one handler (add `entryPoints` and `outfile`). */
export function lambdaBuildOptions(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'error',
    banner: { js: BANNER },
    nodePaths: [join(root, 'node_modules')],
  };
}
