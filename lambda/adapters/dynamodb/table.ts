/**
 * The one DynamoDB table's shape: the CDK state construct and the test helper that creates
 * it on dynalite both read it from here, so code, infra and tests cannot drift apart.
 * Plain values ('S' is DynamoDB's string type), no SDK or CDK types, so either side maps it.
 */

/** Every item: `pk` names the record (`conversation#<id>`, `inbound#<key>`...), `sk` its facet. */
export const TABLE_KEY = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;

/**
 * Reminders by conversation, soonest first: `gsi1pk = conversation#<id>`,
 * `gsi1sk = <at as UTC ISO>#<reminder id>`. Projects all attributes.
 */
export const REMINDERS_INDEX = {
  indexName: 'gsi1',
  partitionKey: { name: 'gsi1pk', type: 'S' },
  sortKey: { name: 'gsi1sk', type: 'S' },
} as const;

/** Epoch seconds after which DynamoDB may delete a transient item (inbound, rate, claims). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The CreateTable input for this layout (tests on dynalite; CDK builds the same from the constants). */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: TABLE_KEY.partitionKey.name, AttributeType: 'S' as const },
      { AttributeName: TABLE_KEY.sortKey.name, AttributeType: 'S' as const },
      { AttributeName: REMINDERS_INDEX.partitionKey.name, AttributeType: 'S' as const },
      { AttributeName: REMINDERS_INDEX.sortKey.name, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEY.partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEY.sortKey.name, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: REMINDERS_INDEX.indexName,
        KeySchema: [
          { AttributeName: REMINDERS_INDEX.partitionKey.name, KeyType: 'HASH' as const },
          { AttributeName: REMINDERS_INDEX.sortKey.name, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
