export { DynamoStore, type DynamoStoreOptions } from './dynamo-store.js';
export { StoreError } from './store-error.js';
export { REMINDERS_INDEX, TABLE_KEY, TTL_ATTRIBUTE, createTableInput } from './table.js';
