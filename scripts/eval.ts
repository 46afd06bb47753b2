/**
 * `npm run eval [file.jsonl]`: scores the reason classifier on a labelled set (default
 * ../shared/data/reasons-dev.jsonl) and checks that drafts never leak a line's private
 * phrases. Prints accuracy, macro-F1, per-category P/R/F1, the confusion matrix, the
 * misses, then the share of leak-free drafts. Always exits 0: it reports, CI gates elsewhere.
 *
 * `npm run eval -- --invites [DIR]`: scores the reading of forwarded invites instead
 * (scripts/eval-invites.ts; default ../shared/data/invites-dev).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../lambda/core/categories.js';
import { classify } from '../lambda/core/classify.js';
import type { Plan, Request } from '../lambda/core/schema.js';

export interface LabeledReason {
  readonly id: string;
  readonly channel?: string;
  readonly text: string;
  readonly category: Category;
  readonly private?: readonly string[];
  readonly notes?: string;
}

export interface CategoryStats {
  readonly category: Category;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface Score {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perCategory: readonly CategoryStats[];
  /** confusion[actual][predicted] */
  readonly confusion: Readonly<Record<Category, Readonly<Record<Category, number>>>>;
  readonly misses: readonly { id: string; actual: Category; predicted: Category; text: string }[];
}

export function readJsonl(path: string): LabeledReason[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = JSON.parse(l) as LabeledReason;
      if (
        typeof row.text !== 'string' ||
        !(CATEGORIES as readonly string[]).includes(row.category)
      ) {
        throw new Error(
          `${path}:${i + 1}: expected {text: string, category: one of ${CATEGORIES.join(', ')}}`,
        );
      }
      return row;
    });
}

/** Macro-F1 over the categories that occur in the labels or the predictions. */
export function score(rows: readonly LabeledReason[], predict: (text: string) => Category): Score {
  const confusion = Object.fromEntries(
    CATEGORIES.map((a) => [a, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))]),
  ) as Record<Category, Record<Category, number>>;
  const misses: { id: string; actual: Category; predicted: Category; text: string }[] = [];
  let correct = 0;
  for (const row of rows) {
    const predicted = predict(row.text);
    confusion[row.category][predicted]++;
    if (predicted === row.category) correct++;
    else misses.push({ id: row.id, actual: row.category, predicted, text: row.text });
  }
  const perCategory: CategoryStats[] = [];
  for (const c of CATEGORIES) {
    const tp = confusion[c][c];
    const support = CATEGORIES.reduce((n, p) => n + confusion[c][p], 0);
    const predictedN = CATEGORIES.reduce((n, a) => n + confusion[a][c], 0);
    if (support === 0 && predictedN === 0) continue;
    const precision = predictedN === 0 ? 0 : tp / predictedN;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perCategory.push({ category: c, precision, recall, f1, support });
  }
  const macroF1 = perCategory.reduce((s, c) => s + c.f1, 0) / Math.max(1, perCategory.length);
  return {
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1,
    perCategory,
    confusion,
    misses,
  };
}

const SHORT: Readonly<Record<Category, string>> = {
  health: 'hlth',
  dependent_care: 'dep',
  family_emergency: 'fam',
  work_commitment: 'work',
  travel_disruption: 'trav',
  technical_issue: 'tech',
  obligation: 'obl',
  other_interview: 'oint',
  scheduling_conflict: 'sched',
  personal_event: 'pers',
  unspecified: 'unsp',
};

export function formatScore(s: Score): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [`accuracy  ${pct(s.accuracy)}`, `macro-F1  ${s.macroF1.toFixed(3)}`, ''];
  lines.push(
    `${'category'.padEnd(20)}${'prec'.padStart(7)}${'recall'.padStart(8)}${'F1'.padStart(7)}${'n'.padStart(5)}`,
  );
  for (const c of s.perCategory) {
    lines.push(
      `${c.category.padEnd(20)}${c.precision.toFixed(2).padStart(7)}${c.recall.toFixed(2).padStart(8)}${c.f1.toFixed(2).padStart(7)}${String(c.support).padStart(5)}`,
    );
  }
  lines.push('', 'confusion (rows: actual, columns: predicted)');
  lines.push(`${''.padEnd(20)}${CATEGORIES.map((c) => SHORT[c].padStart(6)).join('')}`);
  for (const a of CATEGORIES) {
    lines.push(
      `${a.padEnd(20)}${CATEGORIES.map((p) => String(s.confusion[a][p] || '.').padStart(6)).join('')}`,
    );
  }
  if (s.misses.length) {
    lines.push('', `misses (${s.misses.length})`);
    for (const m of s.misses) {
      lines.push(
        `  ${m.id}: ${m.actual} -> ${m.predicted}: ${m.text.replace(/\s+/g, ' ').slice(0, 110)}`,
      );
    }
  }
  return lines.join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `phrase` occurs in `text` as a whole phrase, case-insensitively. */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = phrase.trim();
  if (!p) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

export function draftTexts(p: Plan): string[] {
  const r = p.drafts.reschedule;
  const t = p.drafts.thankYou;
  return [r.subject, r.text, r.html, r.sms, t.subject, t.text, t.sms, p.drafts.callScript ?? ''];
}

async function privacyReport(rows: readonly LabeledReason[]): Promise<string> {
  const now = '2026-11-23T12:00:00Z';
  // Loaded lazily: the classifier report must not depend on the drafting code compiling.
  let plan: typeof import('../lambda/core/plan.js').plan;
  let templates;
  try {
    plan = (await import('../lambda/core/plan.js')).plan;
    templates = (await import('../lambda/templates.js')).loadTemplates();
  } catch (e) {
    return `drafts: plan() not available yet (${e instanceof Error ? e.message : String(e)})`;
  }
  const offending: string[] = [];
  const failed: string[] = [];
  let checked = 0;
  for (const row of rows) {
    const request: Request = {
      id: row.id,
      channel: 'cli',
      text: row.text,
      receivedAt: now,
      interview: {},
      candidate: {},
      deliver: 'none',
    };
    let result: Plan;
    try {
      result = plan(request, now, templates);
    } catch (e) {
      if (
        checked === 0 &&
        failed.length === 0 &&
        /not written yet|not available|not implemented/i.test(String(e))
      ) {
        return 'drafts: plan() not available yet';
      }
      failed.push(`${row.id} (${e instanceof Error ? e.message.slice(0, 80) : String(e)})`);
      continue;
    }
    checked++;
    const texts = draftTexts(result);
    const leaks = (row.private ?? []).filter((phrase) =>
      texts.some((t) => containsPhrase(t, phrase)),
    );
    if (leaks.length) offending.push(`${row.id} [${leaks.join(', ')}]`);
  }
  if (checked === 0) return `drafts: plan() not available yet (${failed[0] ?? 'no rows'})`;
  const free = checked - offending.length;
  const lines = [
    `drafts free of private phrases: ${free}/${checked} (${((free / checked) * 100).toFixed(1)}%)`,
  ];
  if (offending.length) lines.push(`  offending: ${offending.join('; ')}`);
  if (failed.length)
    lines.push(`  plan() threw on ${failed.length}: ${failed.slice(0, 10).join('; ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  if (process.argv[2] === '--invites') {
    const { formatInviteScore, readInviteCases, scoreInvites } = await import('./eval-invites.js');
    const dir = resolve(process.argv[3] ?? resolve(root, '../shared/data/invites-dev'));
    const cases = readInviteCases(dir);
    process.stdout.write(`${dir}: ${cases.length} invites\n\n`);
    process.stdout.write(`${formatInviteScore(await scoreInvites(cases))}\n`);
    return;
  }
  const path = resolve(process.argv[2] ?? resolve(root, '../shared/data/reasons-dev.jsonl'));
  const rows = readJsonl(path);
  const started = performance.now();
  const result = score(rows, (t) => classify(t).category);
  const ms = performance.now() - started;
  process.stdout.write(`${path}: ${rows.length} lines, classified in ${ms.toFixed(1)} ms\n\n`);
  process.stdout.write(`${formatScore(result)}\n\n`);
  process.stdout.write(`${await privacyReport(rows)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
