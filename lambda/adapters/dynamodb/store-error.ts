import { AppError } from '../../core/errors.js';
import { awsErrorCode, isTransientAwsError } from '../delivery-error.js';

/**
 * DynamoDB failed (throttled, unreachable, a bad request). Retryable when the SDK error
 * is transient. Names the operation and the AWS error code, never the item.
 */
export class StoreError extends AppError {
  constructor(operation: string, cause: unknown) {
    super('STORE', `store ${operation} failed (${awsErrorCode(cause) ?? 'network'})`, {
      cause,
      retryable: isTransientAwsError(cause),
    });
  }
}

export const isConditionFailed = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
