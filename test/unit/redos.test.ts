/**
 * ReDoS: every regular expression literal in lambda/ (and every `new RegExp` whose pattern is
 * a plain string literal) is run against ~100 KB adversarial inputs — long runs of each
 * character class the pattern contains, of its own literal characters, and of the usual
 * suspects ('a', ' ', '\t', 'x@', '1', '<') with a tail that makes the match fail — the way
 * the code uses them (`exec`/`match`, and `replace` over every match). A regex that takes
 * over 50 ms on any input (the best of 3 tries, so a busy machine does not make it flaky)
 * fails the test, named by file:line. The regexes run in a worker thread under a watchdog,
 * so a catastrophic one is reported instead of hanging the run.
 *
 * `new RegExp` built from template literals (the classifier's word lists, the extractor's
 * hour words) is not static; the end-to-end checks at the bottom run `extract` and
 * `classify` (which build and use them) over 100 KB of adversarial prose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { classify } from '../../lambda/core/classify.js';
import { extract, parseWhen } from '../../lambda/core/extract.js';
import { projectRoot } from './channels/email/shared-paths.js';

/** The one timing bound the robustness issue asks for. */
const LIMIT_MS = 50;
/** One input still running after this long is catastrophic: the worker is stopped and restarted. */
const WATCHDOG_MS = 3_000;
/** Adversarial input length: ~100 KB. */
const SIZE = 100_000;

interface FoundRegex {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** A string literal's value, or null when the expression is not one. */
function literalString(node: ts.Expression | undefined): string | null {
  if (node === undefined) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

/** Every regex literal and literal-pattern `new RegExp(...)`/`RegExp(...)` in lambda/, with its file:line. */
function collectRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  const lambdaDir = resolve(projectRoot, 'lambda');
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles(lambdaDir)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string =>
      `${relative(projectRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const slash = literal.lastIndexOf('/');
        found.push({
          where: where(node),
          source: literal.slice(1, slash),
          flags: literal.slice(slash + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [patternArg, flagsArg] = node.arguments ?? [];
        const source = literalString(patternArg);
        const flags = flagsArg === undefined ? '' : literalString(flagsArg);
        if (source !== null && flags !== null) found.push({ where: where(node), source, flags });
        else dynamic.push(where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

/**
 * The worker: builds the inputs for one pattern and times it. Plain JavaScript (it runs with
 * `eval: true`); it posts `start` before each regex and `done` with the slowest input after.
 */
const WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const SIZE = workerData.size;
const LIMIT = workerData.limit;
const fill = (unit, suffix) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE) + suffix;

const GENERIC_UNITS = ['a', ' ', '\t', '\n', '\r\n', 'x@', '1', '<', 'A', '-', '.', 'a ', '1 ', 'a.',
  '<a', '@', '=', ':', '"', "'", ',', '/', '\\', '#', '*', '_', '(', ')', '[', '{', '}', '%', '&',
  'é', '😀', 'ab1 ', 'Re: ', 'http://', 'a@b.', '12:', '1.', '- ', '> ', '=\r\n', 'a\n', '\u00a0',
  '\u200b', '\ufeff', '0', '9', 'Z', 'z', 'AM ', 'pm', 'at ', 'Fwd: ', '--', 'Mon ', ' |'];
const GENERIC = [];
for (const unit of GENERIC_UNITS) {
  GENERIC.push({ label: JSON.stringify(unit) + ' x ' + SIZE, text: fill(unit, '') });
  GENERIC.push({ label: JSON.stringify(unit) + ' x ' + SIZE + ' + "!"', text: fill(unit, '!') });
  GENERIC.push({ label: JSON.stringify(unit) + ' x ' + SIZE + ' + "\\u0000"', text: fill(unit, '\u0000') });
}
const CLASS_REPS = { d: '1', D: 'x', w: 'a', W: '!', s: ' ', S: 'x', b: 'a', B: ' ', n: '\n', t: '\t', r: '\r' };

/** Characters the pattern names: literals, escaped punctuation, class representatives, range ends. */
function patternUnits(source) {
  const chars = new Set();
  const runs = new Set();
  let run = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      i++;
      if (n === 'p' || n === 'P') {
        const close = source.indexOf('}', i);
        const name = source.slice(i + 2, close);
        if (/L|Letter|Alpha/.test(name)) { chars.add('é'); chars.add('a'); }
        if (/N|Number|Nd/.test(name)) chars.add('1');
        if (/Pictographic|Emoji/.test(name)) chars.add('😀');
        if (/M|Mark/.test(name)) chars.add('\u0301');
        if (/P|Punct/.test(name)) chars.add('.');
        if (/Z|Space|White/.test(name)) chars.add(' ');
        i = close;
        run = '';
        continue;
      }
      if (n === 'u' && source[i + 1] === '{') {
        const close = source.indexOf('}', i);
        const cp = parseInt(source.slice(i + 2, close), 16);
        if (Number.isFinite(cp)) chars.add(String.fromCodePoint(cp));
        i = close;
        run = '';
        continue;
      }
      if (n === 'u' || n === 'x') {
        const len = n === 'u' ? 4 : 2;
        const code = parseInt(source.slice(i + 1, i + 1 + len), 16);
        if (Number.isFinite(code)) chars.add(String.fromCharCode(code));
        i += len;
        run = '';
        continue;
      }
      if (CLASS_REPS[n] !== undefined) {
        chars.add(CLASS_REPS[n]);
        run = '';
        continue;
      }
      chars.add(n);
      run += n;
      continue;
    }
    if ('()[]{}|?*+^$'.includes(c)) {
      if (run.length > 1) runs.add(run);
      run = '';
      continue;
    }
    if (c === '.') { chars.add('x'); run = ''; continue; }
    if (c === '-' && source[i - 1] !== '[' && source[i + 1] !== ']') {
      // a range end: the letters on both sides are already chars
      continue;
    }
    chars.add(c);
    run += c;
  }
  if (run.length > 1) runs.add(run);
  const units = [...chars].slice(0, 40);
  const list = [...units];
  // pairs of adjacent pattern characters pump alternations like (a|ab)* and \s*\w+
  for (let i = 0; i + 1 < units.length && i < 30; i++) list.push(units[i] + units[i + 1]);
  for (const r of [...runs].slice(0, 30)) list.push(r, r + ' ');
  return list;
}

function timeOnce(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Min of up to 3 tries: the first under the limit ends it (the min can only be lower). */
function best(fn) {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    min = Math.min(min, timeOnce(fn));
    if (min <= LIMIT) break;
  }
  return min;
}

function measure(source, flags) {
  const once = new RegExp(source, flags.replace(/[gy]/g, ''));
  const all = new RegExp(source, flags.includes('g') ? flags.replace('y', '') : flags.replace('y', '') + 'g');
  let worst = { ms: 0, label: '', op: '' };
  const inputs = GENERIC.concat(
    patternUnits(source).flatMap((unit) => [
      { label: JSON.stringify(unit) + ' x ' + SIZE, text: fill(unit, '') },
      { label: JSON.stringify(unit) + ' x ' + SIZE + ' + "\\u0000"', text: fill(unit, '\u0000') },
    ]),
  );
  for (const input of inputs) {
    parentPort.postMessage({ type: 'input', label: input.label });
    const ops = [
      ['match', () => { once.lastIndex = 0; input.text.match(once); }],
      ['replace', () => { all.lastIndex = 0; input.text.replace(all, ''); }],
    ];
    for (const [op, fn] of ops) {
      const ms = best(fn);
      if (ms > worst.ms) worst = { ms, label: input.label, op };
    }
  }
  return worst;
}

parentPort.on('message', (job) => {
  for (let i = job.from; i < job.regexes.length; i++) {
    const r = job.regexes[i];
    parentPort.postMessage({ type: 'start', index: i });
    let worst;
    try {
      worst = measure(r.source, r.flags);
    } catch (error) {
      worst = { ms: -1, label: String(error), op: 'compile' };
    }
    parentPort.postMessage({ type: 'done', index: i, worst });
  }
  parentPort.postMessage({ type: 'finished' });
});
`;

interface Worst {
  readonly ms: number;
  readonly label: string;
  readonly op: string;
}
type WorkerMessage =
  | { readonly type: 'start'; readonly index: number }
  | { readonly type: 'input'; readonly label: string }
  | { readonly type: 'done'; readonly index: number; readonly worst: Worst }
  | { readonly type: 'finished' };

/** Times every regex in a worker; one still running after WATCHDOG_MS is recorded and skipped. */
async function timeAll(regexes: readonly FoundRegex[]): Promise<Map<number, Worst>> {
  const results = new Map<number, Worst>();
  let from = 0;
  while (from < regexes.length) {
    from = await new Promise<number>((resolveNext, reject) => {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: { size: SIZE, limit: LIMIT_MS },
      });
      let current = from;
      let input = '';
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results.set(current, {
            ms: WATCHDOG_MS,
            label: `${input} (stopped after ${WATCHDOG_MS} ms)`,
            op: 'match or replace',
          });
          void worker.terminate().then(() => resolveNext(current + 1));
        }, WATCHDOG_MS);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'start') {
          current = message.index;
          arm();
        } else if (message.type === 'input') {
          input = message.label;
          arm();
        } else if (message.type === 'done') {
          results.set(message.index, message.worst);
        } else {
          clearTimeout(timer);
          void worker.terminate().then(() => resolveNext(regexes.length));
        }
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.postMessage({
        from,
        regexes: regexes.map((r) => ({ source: r.source, flags: r.flags })),
      });
    });
  }
  return results;
}

describe('ReDoS', () => {
  const { found } = collectRegexes();

  it('finds the regular expressions of lambda/ with their file:line', () => {
    expect(found.length, 'expected lambda/ to hold well over 100 regex literals').toBeGreaterThan(
      100,
    );
    for (const r of found) {
      expect(() => new RegExp(r.source, r.flags), `expected ${r.where} to compile`).not.toThrow();
    }
  });

  it(`runs every regex on ~100 KB adversarial inputs within ${LIMIT_MS} ms`, async () => {
    const results = await timeAll(found);
    const slow = found
      .map((r, i) => ({ r, worst: results.get(i) }))
      .filter(({ worst }) => worst === undefined || worst.ms > LIMIT_MS || worst.ms < 0)
      .map(({ r, worst }) =>
        worst === undefined
          ? `${r.where} /${r.source}/${r.flags}: not measured`
          : `${r.where} /${r.source}/${r.flags}: ${worst.ms.toFixed(0)} ms on ${worst.op} of ${worst.label}`,
      );
    expect(
      slow,
      `expected every regex to finish within ${LIMIT_MS} ms (best of 3) on every input`,
    ).toEqual([]);
  }, 600_000);
});

describe('the text pipeline on 100 KB of adversarial prose', () => {
  const NOW = '2026-11-23T12:00:00.000Z';
  const units = [
    'a',
    ' ',
    '1',
    'at 10 ',
    'Thu 2pm ',
    'Dana Whitfield at Acme ',
    'my mom my mum ',
    'sick sick ',
    'x@y.z ',
    '12:30 12:30 ',
    'on Monday at noon with Dr. ',
    'https://zoom.us/j/1?pwd=',
    '\t\t\n',
    'interview interview ',
    '😀',
    'Ünïcödé ',
    '{{ 7*7 }} ',
    '<b>',
  ];
  const inputs = units.map((u) => ({
    name: JSON.stringify(u),
    text: `${u.repeat(Math.ceil(SIZE / u.length)).slice(0, SIZE)}!`,
  }));

  it.each(inputs)('extract completes on $name repeated to 100 KB', ({ text }) => {
    const out = extract(text, { now: NOW, timezone: 'Europe/London' });
    expect(out, 'expected an Extracted object').toHaveProperty('interviewer');
  });

  it.each(inputs)('classify completes on $name repeated to 100 KB', ({ text }) => {
    const out = classify(text);
    expect(out.confidence).toBeGreaterThanOrEqual(0);
    expect(out.confidence).toBeLessThanOrEqual(1);
  });

  it('parseWhen completes on 100 KB of times and digits', () => {
    const text = '10:00 '.repeat(SIZE / 6);
    const out = parseWhen(text, { now: NOW, timezone: 'UTC' });
    expect(out === null || typeof out.start === 'string').toBe(true);
  });
});
