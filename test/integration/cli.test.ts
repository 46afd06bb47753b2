/**
 * The `reschedule` CLI contract (../shared/DESIGN.md "Contracts"), exercised on the built
 * bundle exactly as a user runs it: `node bin/reschedule.mjs …` in a child process.
 * Asserts exit codes, line counts, ids and JSON shapes, not wording (that is the core's).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, isStale, outFile } from '../../scripts/build-cli.mjs';
import { CATEGORIES, TIER_OF, type Category } from '../../lambda/core/categories.js';
import { PlanSchema } from '../../lambda/core/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundle is run directly: the bin rebuilds it when lambda/ changes, which a test must not wait on. */
const cli = outFile;
const bin = resolve(root, 'bin/reschedule.mjs');
const reasonsDev = resolve(root, '../shared/data/reasons-dev.jsonl');
const NOW = '2026-11-23T12:00:00Z';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input?: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  if (isStale()) await buildCli({ quiet: true });
}, 60_000);

describe('reschedule help and usage', () => {
  it('runs through the package bin, bin/reschedule.mjs', async () => {
    const result = await new Promise<Run>((resolveRun, reject) => {
      const child = spawn(process.execPath, [bin, 'help', 'classify'], { cwd: root });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('error', reject);
      child.on('close', (code) => resolveRun({ code, stdout, stderr: '' }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('reschedule classify --jsonl');
  });

  it('prints the usage on --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code, result.stderr).toBe(0);
    for (const command of ['draft', 'classify', 'email', 'start']) {
      expect(result.stdout, `expected the usage to mention ${command}`).toContain(
        `reschedule ${command}`,
      );
    }
  });

  it('prints one command’s usage for help draft and draft --help', async () => {
    const viaHelp = await run(['help', 'draft']);
    const viaFlag = await run(['draft', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.stdout).toContain('--jsonl');
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
  });

  it('rejects a missing command with exit 2 and the usage on stderr', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: reschedule');
  });

  it('rejects an unknown command with exit 2', async () => {
    const result = await run(['reschedule-everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "reschedule-everything"');
  });

  it('rejects an unknown flag with exit 2, naming it', async () => {
    const result = await run(['draft', 'sorry', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option "--bogus"');
  });

  it('rejects draft without TEXT, with two TEXTs, and with TEXT plus --jsonl (exit 2)', async () => {
    const results = await Promise.all([
      run(['draft', '--now', NOW]),
      run(['draft', 'sorry', 'sick', '--now', NOW]),
      run(['draft', '--jsonl', 'sorry']),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
  });

  it('rejects a flag without its value with exit 2', async () => {
    const result = await run(['draft', 'sorry', '--now']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--now');
  });

  it('rejects a port that is not a number with exit 2', async () => {
    const result = await run(['start', '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a port number');
  });
});

describe('reschedule draft', () => {
  it('rejects an unknown zone and an unreadable --now together with exit 1', async () => {
    const result = await run(['draft', 'sorry', '--tz', 'Mars/Olympus_Mons', '--now', 'yesterday']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('tz: unknown time zone "Mars/Olympus_Mons"');
    expect(result.stderr).toContain('now: not an ISO-8601 date-time: "yesterday"');
  });

  it('prints the Plan with --json: it parses with PlanSchema and its id hashes the input', async () => {
    const args = ['draft', "sorry I'm sick", '--company', 'Acme', '--when', 'Thu 2pm ET'];
    const first = await run([...args, '--tz', 'America/New_York', '--now', NOW, '--json']);
    const again = await run([...args, '--tz', 'America/New_York', '--now', NOW, '--json']);
    const otherZone = await run([...args, '--tz', 'Europe/London', '--now', NOW, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(first.stdout));
    expect(plan.id).toMatch(/^cli-[0-9a-f]{16}$/);
    expect(PlanSchema.parse(JSON.parse(again.stdout)).id).toBe(plan.id);
    expect(PlanSchema.parse(JSON.parse(otherZone.stdout)).id).not.toBe(plan.id);
  });

  it('prints the notice, advice, call script, email and SMS of the Plan without --json', async () => {
    const args = ['draft', 'I have a fever, can we move it?', '--when', 'tomorrow 10am'];
    const json = await run([...args, '--tz', 'Europe/Berlin', '--now', NOW, '--json']);
    const text = await run([...args, '--tz', 'Europe/Berlin', '--now', NOW]);
    expect(text.code, text.stderr).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(json.stdout));
    expect(text.stdout).toContain(`Notice:    ${plan.notice.urgency}`);
    expect(text.stdout).toContain(`Subject: ${plan.drafts.reschedule.subject}`);
    expect(text.stdout).toContain(plan.drafts.reschedule.text.trim());
    expect(text.stdout).toContain(plan.drafts.reschedule.sms);
    if (plan.drafts.callScript !== null) expect(text.stdout).toContain(plan.drafts.callScript);
    for (const advice of plan.advice) expect(text.stdout).toContain(advice);
  });

  it('answers every --jsonl line with exactly one line, in order, rejecting bad lines in-band', async () => {
    const input = [
      JSON.stringify({ id: 'ok-1', text: "I'm sick, sorry", now: NOW }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'no-text', company: 'Acme' }),
      JSON.stringify({ id: 'bad-now', text: 'my car broke down', now: 'last Tuesday' }),
      JSON.stringify({ id: 'bad-tz', text: 'flight cancelled', tz: 'Atlantis/Capital', now: NOW }),
      '',
      JSON.stringify({ id: 'ok-2', text: 'jury duty', company: 'Acme', when: 'Fri 9am', now: NOW }),
    ].join('\n');
    const result = await run(['draft', '--jsonl', '--tz', 'America/Chicago'], `${input}\n`);
    expect(result.code, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.map((l) => l.id)).toEqual([
      'ok-1',
      null,
      'no-text',
      'bad-now',
      'bad-tz',
      null,
      'ok-2',
    ]);
    for (const index of [1, 2, 3, 4, 5]) {
      expect(Object.keys(lines[index] ?? {}).sort(), `line ${index + 1} is an error line`).toEqual([
        'error',
        'id',
      ]);
    }
    expect(lines[2]?.error).toContain('text: required');
    expect(lines[3]?.error).toContain('now:');
    expect(lines[4]?.error).toContain('tz: unknown time zone');
    for (const index of [0, 6]) {
      const plan = PlanSchema.parse(lines[index]);
      expect(plan.id).toBe(index === 0 ? 'ok-1' : 'ok-2');
    }
  });

  it('streams --jsonl: answers a line before stdin ends', async () => {
    const child = spawn(process.execPath, [cli, 'classify', '--jsonl'], { cwd: root });
    child.stdin.write(`${JSON.stringify({ id: 'first', text: 'my child is ill' })}\n`);
    const firstLine = await new Promise<string>((resolveLine, reject) => {
      let buffered = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buffered += d;
        const newline = buffered.indexOf('\n');
        if (newline >= 0) resolveLine(buffered.slice(0, newline));
      });
      child.on('error', reject);
      child.on('close', () => reject(new Error('expected an answer before stdin closed')));
    });
    child.stdin.end();
    await new Promise((r) => child.on('close', r));
    expect(JSON.parse(firstLine)).toMatchObject({ id: 'first' });
  });
});

describe('reschedule classify --jsonl', () => {
  it('writes {id, category, tier, confidence} for each line of the dev set, in order', async () => {
    const input = readFileSync(reasonsDev, 'utf8');
    const ids = input
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    const result = await run(['classify', '--jsonl'], input);
    expect(result.code, result.stderr).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(ids.length);
    lines.forEach((line, index) => {
      expect(Object.keys(line).sort()).toEqual(['category', 'confidence', 'id', 'tier']);
      expect(line.id).toBe(ids[index]);
      expect(CATEGORIES).toContain(line.category);
      expect(line.tier).toBe(TIER_OF[line.category as Category]);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    });
  });

  it('answers a line without text and a non-object line with {id, error}', async () => {
    const result = await run(['classify', '--jsonl'], '{"id":"x"}\n[1,2]\n');
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { id: 'x', error: 'text: required' },
      { id: null, error: 'expected a JSON object' },
    ]);
  });
});

describe('reschedule email', () => {
  it('prints the Plan of a forwarded invite with --json, answering its sender', async () => {
    const invite = resolve(root, '../shared/data/invites-dev/01-gmail-ics.eml');
    const expected = JSON.parse(
      readFileSync(invite.replace(/\.eml$/, '.expected.json'), 'utf8'),
    ) as { candidate_email: string };
    const result = await run(['email', invite, '--now', NOW, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(result.stdout));
    expect(plan.candidate.email).toBe(expected.candidate_email);
  });

  it('rejects an unreadable --now with exit 1', async () => {
    const invite = resolve(root, '../shared/data/invites-dev/01-gmail-ics.eml');
    const result = await run(['email', invite, '--now', 'soon']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('now: not an ISO-8601 date-time');
  });

  it('rejects a file that does not exist with exit 1', async () => {
    const result = await run(['email', resolve(root, 'no-such-invite.eml'), '--now', NOW]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no such file');
  });
});

describe('reschedule start', () => {
  it('runs the local service on the ports given and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reschedule-cli-'));
    const child = spawn(
      process.execPath,
      [cli, 'start', '--port', '0', '--smtp-port', '0', '--data', dataDir],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    try {
      const port = await new Promise<number>((resolvePort, reject) => {
        let seen = '';
        const timer = setTimeout(
          () => reject(new Error(`expected a URL on stdout within 45 s, got: ${seen}`)),
          45_000,
        );
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          seen += d;
          const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(seen);
          if (match) {
            clearTimeout(timer);
            resolvePort(Number(match[1]));
          }
        });
        child.on('close', (code) =>
          reject(new Error(`expected it to keep running, exited ${code}`)),
        );
      });
      // The banner is printed once both ports listen; a loaded machine may still be slow to
      // accept, so try a few times before failing with what the service wrote to stderr.
      let response: Response | undefined;
      for (let attempt = 0; attempt < 20 && response === undefined; attempt++) {
        response = await fetch(`http://127.0.0.1:${port}/`).catch(async () => {
          await new Promise((r) => setTimeout(r, 250));
          return undefined;
        });
      }
      expect(response?.status, `expected the console at port ${port}; stderr: ${stderr}`).toBe(200);
      const closed = new Promise<number | null>((r) => child.on('close', r));
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the bundle', () => {
  it('keeps the local service and the mail parser out of what draft loads', () => {
    // The entry and every chunk it imports statically (not the `import()`ed ones).
    const loaded = new Map<string, string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      const source = readFileSync(file, 'utf8');
      loaded.set(file, source);
      for (const match of source.matchAll(
        /import\s*(?:[\w$]+\s*|\{[^}]*\}\s*)?(?:from\s*)?"(\.[^"]+)"/g,
      )) {
        visit(resolve(dirname(file), match[1] ?? ''));
      }
    };
    visit(outFile);
    expect(loaded.size, 'expected the entry to import shared chunks').toBeGreaterThan(1);
    const code = [...loaded.values()].join('\n');
    // Strings only those parts contain: the local service's external imports, the AWS SDK's
    // user agent, the email channel's MIME types and mailparser's charset decoder.
    for (const lazy of ['smtp-server', 'dynalite', '@aws-sdk', 'text/calendar', 'iconv']) {
      expect(code.includes(lazy), `expected ${lazy} to be loaded lazily, not by draft`).toBe(false);
    }
  });
});
