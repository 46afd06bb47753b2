/**
 * The local store's database: dynalite on loopback, persisting to `<data>/dynamodb` (LevelDB),
 * so the same DynamoStore code runs locally as on AWS and state survives a restart.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../adapters/dynamodb/table.js';

export interface EmbeddedDynamo {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

export const LOCAL_TABLE = 'reschedule-local';

export async function startEmbeddedDynamo(dataDir: string): Promise<EmbeddedDynamo> {
  const server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: Error) =>
      fail(
        new Error(
          `cannot open the local database in ${join(dataDir, 'dynamodb')}: ${error.message} (is another instance running on this --data folder?)`,
          { cause: error },
        ),
      ),
    );
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    // dynalite checks no signature; the SDK still wants credentials to sign with.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLE }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(LOCAL_TABLE)));
  }
  await untilActive(client, LOCAL_TABLE);
  return {
    tableName: LOCAL_TABLE,
    client,
    async stop() {
      client.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/**
 * dynalite answers CreateTable with the table CREATING and makes it ACTIVE a moment later;
 * a Query or Scan before that fails with ResourceNotFoundException. Waits (up to ~5 s).
 */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error(`the local table ${tableName} did not become ACTIVE`);
}
