/**
 * DynamoDB on loopback for tests: dynalite on 127.0.0.1, port 0, in memory, with the
 * project's table (lambda/adapters/dynamodb/table.ts) created and ACTIVE. STACK.md trap 9:
 * no transactions, no UpdateTimeToLive; table names of 3 characters or more.
 *
 *   const db = await startDynalite();
 *   const store = new DynamoStore({ tableName: db.tableName, client: db.client });
 *   ...
 *   await db.stop();
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../../lambda/adapters/dynamodb/table.js';

export interface DynaliteHandle {
  /** `http://127.0.0.1:<port>`: give it to any DynamoDB client as `endpoint`. */
  readonly endpoint: string;
  readonly tableName: string;
  /** A client for the endpoint, with dummy credentials and a fixed region. */
  readonly client: DynamoDBClient;
  /** Creates another table with the project's layout (for isolation between suites). */
  createTable(tableName: string): Promise<void>;
  stop(): Promise<void>;
}

/** Options for a DynamoDBClient pointed at dynalite (no real credentials needed or read). */
export function dynaliteClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'dynalite', secretAccessKey: 'dynalite' },
    maxAttempts: 1,
  };
}

export async function startDynalite(tableName = 'reschedule-test'): Promise<DynaliteHandle> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(dynaliteClientConfig(endpoint));
  const createTable = async (name: string): Promise<void> => {
    await client.send(new CreateTableCommand(createTableInput(name)));
    // dynalite answers CREATING and turns the table ACTIVE a moment later.
    for (let i = 0; i < 250; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((ok) => setTimeout(ok, 20));
    }
    throw new Error(`dynalite table ${name} did not become ACTIVE`);
  };
  await createTable(tableName);
  return {
    endpoint,
    tableName,
    client,
    createTable,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
