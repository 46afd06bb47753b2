// Replaced by the CLI work: bundles lambda/cli.ts into dist/cli.mjs.
