/**
 * Errors the app and its adapters raise. Expected outcomes (duplicate, rejected sender)
 * are return values of the use case; these are for state that moved under our feet.
 */
import { AppError } from '../core/errors.js';

/**
 * An optimistic-concurrency write lost: the stored version is not the one read, or a
 * record that must be new already exists. Retryable: re-read and try again.
 */
export class ConflictError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFLICT', message, { ...options, retryable: true });
  }
}

/** A record the operation needs is missing (a reminder pointing at a deleted conversation). */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export const isConflictError = (e: unknown): e is ConflictError => e instanceof ConflictError;
