export * from './deps.js';
export * from './errors.js';
export * from './handle-request.js';
export * from './follow-up.js';
export * from './policy.js';
export { sendOnce, type Outbound } from './deliver.js';
export type * from './ports.js';
export { coreFunctions } from './core.js';
