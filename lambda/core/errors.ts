/**
 * The project's error hierarchy. Expected outcomes (no reason stated, unknown sender)
 * are return values, not throws; these are for input that cannot be processed and for
 * failures of the outside world. `retryable` tells handlers whether to rethrow so that
 * Lambda / Scheduler retry.
 */
export class AppError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** One problem with an input: where (`path`) and what. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** The input was rejected; `issues` names every problem found, not just the first. */
export class ValidationError extends AppError {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], options: { cause?: unknown } = {}) {
    super(
      'VALIDATION',
      `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
      options,
    );
    this.issues = issues;
  }
}

/** A template failed to render (a wording bug, never user input). */
export class TemplateError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('TEMPLATE', message, options);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
export const isValidationError = (e: unknown): e is ValidationError => e instanceof ValidationError;
export const isRetryable = (e: unknown): boolean => isAppError(e) && e.retryable;
