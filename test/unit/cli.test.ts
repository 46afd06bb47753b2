/**
 * The CLI's pure parts, in process: how flags become a Request, and the --jsonl loop's
 * one-line-per-line guarantee over a stream. The contract end to end (exit codes, the
 * bundle) is in test/integration/cli.test.ts.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lambda/core/errors.js';
import { runJsonl } from '../../lambda/cli/jsonl.js';
import { readInstant, requestIdOf, toRequest } from '../../lambda/cli/request.js';

const NOW = '2026-11-23T12:00:00Z';

function issuesOf(action: () => unknown): readonly { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError, got none');
}

describe('toRequest', () => {
  it('builds the DESIGN Request from every flag', () => {
    const request = toRequest(
      {
        text: "sorry I'm sick",
        company: 'Acme',
        interviewer: 'Dana Whitfield',
        when: 'Thu 2pm',
        tz: 'America/New_York',
        now: NOW,
      },
      '2000-01-01T00:00:00Z',
    );
    expect(request).toEqual({
      id: expect.stringMatching(/^cli-[0-9a-f]{16}$/) as unknown,
      channel: 'cli',
      text: "sorry I'm sick",
      receivedAt: NOW,
      interview: {
        company: 'Acme',
        interviewer: { name: 'Dana Whitfield' },
        when: 'Thu 2pm',
        timezone: 'America/New_York',
      },
      candidate: { timezone: 'America/New_York' },
      deliver: 'none',
    });
  });

  it('leaves out what was not given and uses the default instant', () => {
    const request = toRequest({ text: 'cannot make it' }, NOW);
    expect(request.interview).toEqual({});
    expect(request.candidate).toEqual({});
    expect(request.receivedAt).toBe(NOW);
  });

  it('reads a --now without an offset in --tz, keeping the offset', () => {
    const request = toRequest({ text: 'x', tz: 'Europe/Berlin', now: '2026-07-01T09:30' }, NOW);
    expect(request.receivedAt).toBe('2026-07-01T09:30:00+02:00');
  });

  it('gives the same input the same id, and another input another id', () => {
    const a = toRequest({ text: 'sick', now: NOW }, NOW).id;
    expect(toRequest({ text: 'sick', now: NOW }, NOW).id).toBe(a);
    expect(toRequest({ text: 'sick', now: NOW, company: 'Acme' }, NOW).id).not.toBe(a);
    expect(requestIdOf({ text: 'sick' }, NOW)).toBe(a);
  });

  it('uses the id it is given (a --jsonl line id)', () => {
    expect(toRequest({ text: 'sick' }, NOW, 'line-7').id).toBe('line-7');
  });

  it('rejects an unknown zone, an unreadable instant and an empty company at once', () => {
    const issues = issuesOf(() =>
      toRequest({ text: 'x', tz: 'Nowhere/Land', now: 'tomorrow', company: '  ' }, NOW),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['company', 'now', 'tz']);
  });

  it('rejects a text over 100,000 characters, naming the text', () => {
    const issues = issuesOf(() => toRequest({ text: 'a'.repeat(100_001) }, NOW));
    expect(issues.map((i) => i.path)).toEqual(['text']);
  });
});

describe('readInstant', () => {
  it('keeps an explicit offset', () => {
    expect(readInstant('2026-11-23T07:00:00-05:00', 'Asia/Tokyo')).toEqual({
      instant: '2026-11-23T07:00:00-05:00',
    });
  });

  it('rejects what is not ISO-8601, quoting it', () => {
    const read = readInstant('next week', undefined);
    expect('issue' in read && read.issue.message).toContain('"next week"');
  });
});

describe('runJsonl', () => {
  it('answers each line as it arrives, before the input ends', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const seen: string[] = [];
    output.setEncoding('utf8').on('data', (d: string) => seen.push(d));
    const done = runJsonl(input, output, (value) => ({ echo: value }));

    input.write('{"n":1}\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.join(''), 'expected line 1 answered while the input is still open').toBe(
      '{"echo":{"n":1}}\n',
    );

    input.end('{"n":2}\n');
    expect(await done).toEqual({ lines: 2, rejected: 0 });
  });

  it('answers a throwing handler, bad JSON and a blank line in-band and goes on', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.setEncoding('utf8').on('data', (d: string) => (text += d));
    const done = runJsonl(input, output, (value) => {
      if ((value as { id?: string }).id === 'boom') throw new Error('kaput');
      return { ok: true };
    });
    input.end('{"id":"boom"}\n{oops\n\n{"id":"fine"}\n');
    expect(await done).toEqual({ lines: 4, rejected: 3 });
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { id: 'boom', error: 'internal error: kaput' },
      { id: null, error: expect.stringContaining('not JSON') as unknown },
      { id: null, error: 'empty line' },
      { ok: true },
    ]);
  });
});
