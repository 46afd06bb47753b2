/**
 * zod as the project uses it: the tree-shakable `zod/mini` build, with zod's English
 * messages (which the classic build would set on its own). `import * as z from` this module
 * everywhere under lambda/: a Lambda bundle then keeps only the schemas and checks it uses,
 * where `import { z } from 'zod'` brings the whole classic API (~190 KB, ~20 ms of load at
 * every cold start). The email Lambda still carries classic zod for Powertools' SES schema.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
