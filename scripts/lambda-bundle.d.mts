/** Types for scripts/lambda-bundle.mjs (plain ESM so CDK's bundling hook runs it with `node`). */
import type { BuildOptions, BuildResult, Metafile, Plugin } from 'esbuild';

/** The Lambda handlers, by function name. */
export declare const HANDLERS: Readonly<Record<'email' | 'webhook' | 'sms' | 'reminder', string>>;
/** The `createRequire` banner of every Lambda bundle. */
export declare const BANNER: string;
/** Keeps only zod's English messages. */
export declare const zodEnglishOnly: Plugin;
/** Gives `require('libmime')` libmime's ESM build, so the bundle holds one copy. */
export declare const oneLibmime: Plugin;
/** The folder beside `index.mjs` that holds iconv-lite's double-byte tables, read lazily. */
export declare const TABLES_DIR: string;
/** Copies iconv-lite's double-byte tables beside the bundle instead of bundling them. */
export declare const lazyIconvTables: Plugin;

export interface LambdaBundleOptions {
  /** The project root. @default the folder above scripts/ */
  readonly root?: string;
  /** The handler, relative to the root: `lambda/handlers/sms.ts`. */
  readonly entry: string;
  /** Where index.mjs and chunks/ go. */
  readonly outdir: string;
  /** esbuild's target. @default 'node24' (the Lambda runtime) */
  readonly target?: string;
  /** @default false */
  readonly sourcemap?: boolean;
}

/** The output paths (metafile keys) a cold start reads: index.mjs and its static chunks. */
export declare function coldStartOutputs(metafile: Metafile): Set<string>;
/** esbuild options for one handler. */
export declare function lambdaBuildOptions(options: LambdaBundleOptions): BuildOptions;
/** Builds the handler into `outdir` (replacing an earlier index.mjs and chunks/), with its metafile. */
export declare function bundleLambda(
  options: LambdaBundleOptions,
): Promise<BuildResult<{ metafile: true }>>;
