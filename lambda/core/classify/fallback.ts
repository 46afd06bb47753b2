/**
 * The statistical fallback of the reason classifier: a multinomial naive Bayes over
 * normalised, lightly stemmed word unigrams and bigrams. It is trained offline by
 * scripts/train-fallback.ts on the labelled dev and held-out sets into
 * fallback-weights.ts (counts only: no network, no download, same weights every run),
 * and classify.ts consults it only when its rules find no reason or a faint one.
 *
 * Pure and deterministic. The feature extraction here is the one the trainer uses.
 */
import { CATEGORIES, type Category } from '../categories.js';
import { FALLBACK_WEIGHTS_JSON } from './fallback-weights.js';

/** Words that carry no reason in any category (function words, greetings, logistics). */
const STOP = new Set(
  (
    'a an the and or but so if of to in on at by for from with about as into over after before ' +
    'than then that this these those there here it its is are was were be been being am do does ' +
    'did doing have has had having i me my mine we us our you your yours he him his she her they ' +
    'them their what which who whom whose when where why how all any some no not can could will ' +
    'would shall should may might must just also very really too quite now still only even ' +
    'up down out off again once more most much many such own same other another each both few ' +
    'hi hey hello hiya dear good morning afternoon evening thanks thank regards kind best ' +
    'sincerely cheers sorry apologies apologise apologize please hope well so ok okay yes ' +
    'interview reschedule rescheduled rearrange rearranged move moved moving push postpone ' +
    'another time slot date day days week weeks today tomorrow tonight yesterday monday tuesday ' +
    'wednesday thursday friday saturday sunday am pm oclock next last chance possible able ' +
    'unable make attend available availability call back let know get got going go come ' +
    'voicemail transcript message email text thing something anything nothing everything because since due'
  ).split(' '),
);

/**
 * The interview's own format and setting ("phone screen", "video call", "your office"): they
 * may tip the model but never count as content behind a reason.
 */
const FORMAT = new Set(
  'phone screen video call zoom team meet link online person office site role job position hire hiring manager recruiter'
    .split(' ')
    .map((w) => stem(w)),
);

/** Crude, deterministic suffix stripping: "cancelled"/"cancelling"/"cancels" -> "cancel". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return trimDouble(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return trimDouble(word.slice(0, -2));
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us'))
    return word.slice(0, -1);
  return word;
}

function trimDouble(w: string): string {
  const n = w.length;
  const last = w[n - 1] ?? '';
  // "cancell" -> "cancel", "stopp" -> "stop"; but "call", "miss", "buzz" keep their pair
  const keep = 'sz'.includes(last) || (last === 'l' && n <= 4);
  return n > 3 && last === w[n - 2] && !keep ? w.slice(0, -1) : w;
}

/** The content words of a normalised note, stemmed, in order. */
export function contentWords(norm: string): string[] {
  const out: string[] = [];
  for (const tok of norm.match(/[a-z_]+/g) ?? []) {
    if (tok.length < 2 || STOP.has(tok)) continue;
    out.push(stem(tok));
  }
  return out;
}

/** Unigram and adjacent-bigram features of a normalised note (bigrams joined by "+"). */
export function features(norm: string): string[] {
  const words = contentWords(norm);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}+${words[i + 1]}`);
  return out;
}

/** The committed model: per-category document counts and sparse feature counts. */
export interface FallbackWeights {
  readonly version: 1;
  readonly categories: readonly string[];
  readonly alpha: number;
  readonly docs: readonly number[];
  /** feature -> [categoryIndex, count, categoryIndex, count, ...] */
  readonly counts: Readonly<Record<string, readonly number[]>>;
}

interface Model {
  readonly logPrior: Float64Array;
  /** log P(feature | category) for features seen in training. */
  readonly logLik: ReadonlyMap<string, Float64Array>;
  /** log P(unseen feature | category): skipped (a feature nobody saw says nothing). */
  readonly cats: readonly Category[];
}

function build(w: FallbackWeights): Model {
  const cats = w.categories.filter((c): c is Category =>
    (CATEGORIES as readonly string[]).includes(c),
  );
  if (cats.length !== w.categories.length) throw new Error('fallback weights: unknown category');
  const k = cats.length;
  const totals = new Float64Array(k);
  const entries = Object.entries(w.counts);
  for (const [, sparse] of entries)
    for (let i = 0; i + 1 < sparse.length; i += 2) {
      const c = sparse[i] ?? 0;
      totals[c] = (totals[c] ?? 0) + (sparse[i + 1] ?? 0);
    }
  const vocab = entries.length;
  const docsTotal = w.docs.reduce((a, b) => a + b, 0);
  const logPrior = new Float64Array(k);
  for (let c = 0; c < k; c++) logPrior[c] = Math.log(((w.docs[c] ?? 0) + 1) / (docsTotal + k));
  const logLik = new Map<string, Float64Array>();
  for (const [feature, sparse] of entries) {
    const row = new Float64Array(k);
    const count = new Float64Array(k);
    for (let i = 0; i + 1 < sparse.length; i += 2) count[sparse[i] ?? 0] = sparse[i + 1] ?? 0;
    for (let c = 0; c < k; c++)
      row[c] = Math.log(((count[c] ?? 0) + w.alpha) / ((totals[c] ?? 0) + w.alpha * vocab));
    logLik.set(feature, row);
  }
  return { logPrior, logLik, cats };
}

let model: Model | undefined;
function getModel(): Model {
  model ??= build(JSON.parse(FALLBACK_WEIGHTS_JSON) as FallbackWeights);
  return model;
}

export interface FallbackResult {
  readonly category: Category;
  /** Posterior of the top category, tempered (see TEMPERATURE). */
  readonly posterior: number;
  /** Known features that favour the top category over `unspecified`, e.g. "laptop", "train+cancel". */
  readonly support: readonly string[];
}

/**
 * Naive Bayes is overconfident: its features are not independent. Dividing the summed log
 * likelihoods by this tempers the posterior so that a threshold on it means something.
 */
const TEMPERATURE = 2;

/** Scores a normalised note. Never throws. */
export function fallbackClassify(norm: string): FallbackResult {
  const m = getModel();
  const k = m.cats.length;
  const score = new Float64Array(k);
  const known: [string, Float64Array][] = [];
  for (const f of features(norm)) {
    const row = m.logLik.get(f);
    if (!row) continue;
    known.push([f, row]);
    for (let c = 0; c < k; c++) score[c] = (score[c] ?? 0) + (row[c] ?? 0);
  }
  let best = 0;
  for (let c = 0; c < k; c++) {
    score[c] = (m.logPrior[c] ?? 0) + (score[c] ?? 0) / TEMPERATURE;
    if ((score[c] ?? -Infinity) > (score[best] ?? -Infinity)) best = c;
  }
  let z = 0;
  for (let c = 0; c < k; c++) z += Math.exp((score[c] ?? 0) - (score[best] ?? 0));
  const category = m.cats[best] ?? 'unspecified';
  const none = m.cats.indexOf('unspecified');
  const support = known
    .filter(
      ([f, row]) =>
        !f.includes('+') && !FORMAT.has(f) && (row[best] ?? 0) > (row[none] ?? 0) + Math.log(2),
    )
    .map(([f]) => f);
  return { category, posterior: 1 / z, support: [...new Set(support)] };
}
