/**
 * zod as the project uses it: the tree-shakable `zod/mini` build, with zod's English
 * messages (which the classic build would set on its own). `import * as z from` this module
 * everywhere under lambda/: a Lambda bundle then keeps only the schemas and checks it uses
 * (~37 KB), where zod's classic API brings all of it (~190 KB, ~20 ms of load at every cold
 * start). The SES event schema is written here too (lambda/channels/email/ses-event.ts),
 * not taken from Powertools' parser, whose schemas are classic zod.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
