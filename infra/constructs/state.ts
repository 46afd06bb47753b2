import { RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REMINDERS_INDEX, TABLE_KEY, TTL_ATTRIBUTE } from '../../lambda/adapters/dynamodb/table.js';

export interface StateProps {
  /**
   * What happens to the table when the stack goes. Conversations, opt-outs and pending
   * reminders are the service's memory: losing them re-sends or forgets. @default RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The service's one DynamoDB table (layout in lambda/adapters/dynamodb/table.ts): on
 * demand, point-in-time recovery, TTL on `expiresAt` for transient items, encrypted with
 * the AWS managed key, retained.
 */
export class State extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StateProps = {}) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: REMINDERS_INDEX.indexName,
      partitionKey: { name: REMINDERS_INDEX.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: REMINDERS_INDEX.sortKey.name, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /** Lets `fn` read and write items (table and index) and tells it the table's name (TABLE_NAME). */
  grantReadWrite(fn: LambdaFunction): void {
    this.table.grantReadWriteData(fn);
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: "The wildcard is the table's own indexes (reminders by conversation), nothing else.",
    });
  }
}
