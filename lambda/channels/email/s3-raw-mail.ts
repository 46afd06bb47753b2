/**
 * Where the SES receipt rule's S3 action stored the raw mail: `prefix + messageId` in the
 * inbound bucket. Reads it without ever deleting it (the bucket's lifecycle decides).
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RawMailUnavailableError, type RawMailSource, type RawMailRead } from './inbound.js';

export interface S3RawMailOptions {
  readonly client: Pick<S3Client, 'send'>;
  readonly bucket: string;
  /** The S3 action's object key prefix. */
  readonly prefix: string;
}

export class S3RawMailSource implements RawMailSource {
  constructor(private readonly options: S3RawMailOptions) {}

  async read(messageId: string, maxBytes: number): Promise<RawMailRead> {
    const { client, bucket, prefix } = this.options;
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${messageId}` }),
      );
      if ((out.ContentLength ?? 0) > maxBytes) {
        await out.Body?.transformToWebStream()
          .cancel()
          .catch(() => undefined);
        return { kind: 'too_large' };
      }
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      if (bytes.length > maxBytes) return { kind: 'too_large' };
      return { kind: 'ok', raw: Buffer.from(bytes) };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
        ?.httpStatusCode;
      if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) return { kind: 'missing' };
      throw new RawMailUnavailableError(`raw mail could not be read from S3 (${name || 'error'})`, {
        cause: error,
      });
    }
  }
}
