export * from './categories.js';
export * from './errors.js';
export * from './schema.js';
export * from './templates.js';
export { classify, type Classification } from './classify.js';
export { extract, parseWhen, type Extracted, type ExtractContext } from './extract.js';
export { plan } from './plan.js';
