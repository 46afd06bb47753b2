/**
 * The --jsonl loop: reads stdin line by line (never the whole input at once) and writes
 * exactly one output line per input line, in order. A line that is rejected (not JSON,
 * a missing field, an invalid date, a failing plan) is answered `{"id","error"}` and the
 * batch goes on.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import * as z from '../core/zod.js';
import { ValidationError, isAppError, isValidationError, type Issue } from '../core/errors.js';
import { toIssues } from '../core/schema.js';

/** The answer to one input line. */
export type LineOutput = Readonly<Record<string, unknown>>;

/** Handles one parsed line; throws to reject it. */
export type LineHandler = (value: unknown) => LineOutput | Promise<LineOutput>;

/** `error` for message strings of missing vs wrongly typed fields. */
const field = (expected: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'required' : `expected ${expected}`,
});

/** An optional line id: a string or a number, echoed back as given. */
export const LineIdSchema = z.optional(
  z.union([z.string().check(z.minLength(1), z.maxLength(200)), z.number()]),
);

/** The fields a `classify --jsonl` line must have (others are ignored). */
export const ClassifyLineSchema = z.object({
  id: LineIdSchema,
  text: z.string(field('a string')).check(z.maxLength(100_000)),
});

/** The fields of a `draft --jsonl` line (others are ignored). */
export const DraftLineSchema = z.object({
  id: LineIdSchema,
  text: z.string(field('a string')).check(z.maxLength(100_000)),
  company: z.optional(z.string(field('a string'))),
  interviewer: z.optional(z.string(field('a string'))),
  when: z.optional(z.string(field('a string'))),
  tz: z.optional(z.string(field('a string'))),
  now: z.optional(z.string(field('an ISO-8601 string'))),
});

/** Parses a line's object with `schema`, or throws a ValidationError naming every problem. */
export function parseLine<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError([{ path: '', message: 'expected a JSON object' }]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toIssues(result.error));
  return result.data;
}

/** The id to echo in an error line: the line's own when it has a usable one. */
function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** The `error` text for a rejected line. Unexpected failures are labelled as such. */
export function errorText(error: unknown): string {
  if (isValidationError(error)) return describeIssues(error.issues);
  if (isAppError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Runs `handle` over every line of `input`, writing one JSON line each to `output`. */
export async function runJsonl(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  handle: LineHandler,
): Promise<{ lines: number; rejected: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let rejected = 0;
  for await (const line of rl) {
    lines += 1;
    let answer: LineOutput;
    let value: unknown = undefined;
    try {
      if (line.trim() === '') throw new ValidationError([{ path: '', message: 'empty line' }]);
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new ValidationError([
          {
            path: '',
            message: `not JSON (${error instanceof Error ? error.message : 'parse error'})`,
          },
        ]);
      }
      answer = await handle(value);
    } catch (error) {
      rejected += 1;
      answer = { id: idOf(value), error: errorText(error) };
    }
    await write(output, `${JSON.stringify(answer)}\n`);
  }
  return { lines, rejected };
}
