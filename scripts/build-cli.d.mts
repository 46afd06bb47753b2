/** Types for scripts/build-cli.mjs (a plain ESM script so `npm ci` can run it without tsx). */
export declare const projectRoot: string;
export declare const outFile: string;
/** Newest modification time (ms) of any file under `dir`, or 0 when it does not exist. */
export declare function newestMtime(dir: string): number;
/**
 * True when dist/cli.mjs is missing or older than lambda/ or the build script. With
 * `{ retryFailed: false }`, a build that already failed on the current sources is not stale.
 */
export declare function isStale(root?: string, options?: { retryFailed?: boolean }): boolean;
/** Builds dist/cli.mjs and its lazy chunks; resolves to the entry's size in bytes. */
export declare function buildCli(options?: { quiet?: boolean; analyze?: boolean }): Promise<number>;
