/**
 * The reason classifier: maps what a candidate wrote to one category of REASONS.md.
 *
 * Pure and deterministic: normalise the text (normalize.ts), split it into clauses, find
 * weighted cues (lexicon.ts), drop cues that are negated ("not sick"), denied ("that's not
 * why I'm writing") or past ("better after last week's cold"), decide whose ailment it is
 * (people.ts), weight clauses by contrast ("..., but my car won't start"), then apply the
 * precedence rules of REASONS.md and turn the score margin into a confidence.
 */
import { TIER_OF, type Category, type Tier } from './categories.js';
import {
  CONCESSION,
  CONTRAST_AFTER,
  CUE_GROUPS,
  type CueGroup,
  DENIAL,
  NEGATION_TRANSPARENT,
  NEGATORS,
  POST_NEGATION,
  RECOVERED,
  type AilmentKind,
  type CueTarget,
} from './classify/lexicon.js';
import { CONCEPT_GROUPS } from './classify/concepts.js';
import { fallbackClassify } from './classify/fallback.js';
import { normalize } from './classify/normalize.js';
import { findMentions, followingWho, type Mention, type Who } from './classify/people.js';

export interface Classification {
  readonly category: Category;
  readonly tier: Tier;
  /** 0..1: how sure the classifier is. */
  readonly confidence: number;
  /** The phrases in the text that decided it (for explanations and debugging). */
  readonly cues: readonly string[];
}

type Scored = Exclude<Category, 'unspecified'>;

/**
 * Below this total a message states no reason we can name: `unspecified`. One weather word
 * or "emergency" (1.5) is enough; a lone "laptop" or "manager" (1) is not.
 */
const MIN_SCORE = 1.5;
/** A specific reason this strong outranks a generic clash ("forgot", "double-booked"). */
const SPECIFIC_OVER_CLASH = 2;
/** Weight of a clause that follows "but"/"however"/"the real reason is". */
const AFTER_CONTRAST = 1.5;
/** Weight of a clause a later "but" overrides, or a concession ("although ..."). */
const BEFORE_CONTRAST = 0.75;
/** Cues this weak only support a category that has a stronger cue. */
const SUPPORT_ONLY = 1;
/** How far back (in words) a negator reaches. */
const NEGATION_REACH = 5;

/** When two categories tie, the one that more often really stops attendance wins. */
const PRECEDENCE: readonly Scored[] = [
  'family_emergency',
  'health',
  'dependent_care',
  'obligation',
  'other_interview',
  'technical_issue',
  'travel_disruption',
  'work_commitment',
  'personal_event',
  'scheduling_conflict',
];

interface Clause {
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  weight: number;
  denied: boolean;
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly target: CueTarget;
  readonly weight: number;
}

// The lookbehind starts a match only where a run of punctuation starts: linear on any input (ReDoS).
const SENTENCE_END = /(?<![.!?;:])[.!?;:]+(?=\s|$)|\n+|\s-\s/g;
const CLAUSE_START =
  /,|\b(?:but|however|although|though|whereas|yet|so|and|because|plus|while|whilst|which|except|actually)\b/g;

function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let sentence = 0;
  let from = 0;
  const addSentence = (start: number, end: number): void => {
    const cuts = [start];
    CLAUSE_START.lastIndex = 0;
    const body = text.slice(start, end);
    for (let m = CLAUSE_START.exec(body); m; m = CLAUSE_START.exec(body)) {
      const at = start + m.index + (m[0] === ',' ? 1 : 0);
      if (at > start) cuts.push(at);
    }
    cuts.push(end);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const s = cuts[i] ?? start;
      const e = cuts[i + 1] ?? end;
      if (/[a-z0-9]/.test(text.slice(s, e)))
        clauses.push({ start: s, end: e, sentence, weight: 1, denied: false });
    }
    sentence++;
  };
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    addSentence(from, m.index);
    from = m.index + m[0].length;
  }
  addSentence(from, text.length);
  return clauses;
}

/** Contrast and concession weights, and denials of what came just before. */
function weighClauses(text: string, clauses: Clause[]): void {
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (!c) continue;
    const body = text.slice(c.start, c.end).trim().replace(/^,\s*/, '');
    if (CONTRAST_AFTER.test(body)) {
      c.weight *= AFTER_CONTRAST;
      for (let j = i - 1; j >= 0 && clauses[j]?.sentence === c.sentence; j--) {
        const prev = clauses[j];
        if (prev) prev.weight *= BEFORE_CONTRAST;
      }
    } else if (CONCESSION.test(body)) {
      c.weight *= BEFORE_CONTRAST;
    }
    if (DENIAL.test(body)) {
      let denied = false;
      for (let j = i - 1; j >= 0 && clauses[j]?.sentence === c.sentence; j--) {
        const prev = clauses[j];
        if (prev) {
          prev.denied = true;
          denied = true;
        }
      }
      if (!denied) {
        const prev = clauses[i - 1];
        if (prev) prev.denied = true;
      }
    }
  }
}

/**
 * One regex scan per strong group; the short weak groups share a single scan (named
 * alternatives), which keeps classification near 10k texts per CPU-second.
 */
interface Scanner {
  readonly pattern: RegExp;
  readonly groups: readonly CueGroup[];
}

const WEAK = 3;
const ALL_GROUPS: readonly CueGroup[] = [...CUE_GROUPS, ...CONCEPT_GROUPS];
const SCANNERS: readonly Scanner[] = (() => {
  const strong = ALL_GROUPS.filter((g) => g.weight >= WEAK).map((g) => ({
    pattern: g.pattern,
    groups: [g],
  }));
  const weak = ALL_GROUPS.filter((g) => g.weight < WEAK);
  const merged = new RegExp(weak.map((g, i) => `(?<w${i}>${g.pattern.source})`).join('|'), 'g');
  return [...strong, { pattern: merged, groups: weak }];
})();

function collectMatches(text: string): Match[] {
  const all: Match[] = [];
  for (const scanner of SCANNERS) {
    const re = scanner.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      let group = scanner.groups[0];
      if (m.groups) {
        const hit = Object.keys(m.groups).find((k) => m.groups?.[k] !== undefined);
        group = hit === undefined ? undefined : scanner.groups[Number(hit.slice(1))];
      }
      if (!group) continue;
      all.push({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        target: group.target,
        weight: group.weight,
      });
    }
  }
  // Overlapping cues: the longer phrase is the more specific reading ("laptop died" over "died").
  all.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.weight - a.weight || a.start - b.start,
  );
  const kept: Match[] = [];
  for (const m of all) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function isNegated(text: string, clause: Clause, match: Match): boolean {
  const before = text.slice(clause.start, match.start);
  let lastNeg = -1;
  let lastNegEnd = -1;
  NEGATORS.lastIndex = 0;
  for (let m = NEGATORS.exec(before); m; m = NEGATORS.exec(before)) {
    lastNeg = m.index;
    lastNegEnd = m.index + m[0].length;
  }
  if (lastNeg >= 0) {
    const between = before.slice(lastNegEnd).match(/[a-z0-9_]+/g) ?? [];
    if (between.length <= NEGATION_REACH && between.every((w) => NEGATION_TRANSPARENT.has(w)))
      return true;
  }
  const after = text.slice(match.end, clause.end);
  return POST_NEGATION.test(after);
}

const AILMENT: ReadonlySet<CueTarget> = new Set<AilmentKind>([
  'illness',
  'injury',
  'severe',
  'hospital',
  'medical',
  'vehicle',
]);

/** Category and multiplier for an ailment, by whom it affects. */
function attribute(kind: AilmentKind, who: Who): [Scored, number] | null {
  switch (who) {
    case 'self':
      return kind === 'vehicle' ? ['travel_disruption', 1] : ['health', 1];
    case 'child':
      if (kind === 'hospital') return ['dependent_care', 0.6];
      return kind === 'severe' || kind === 'vehicle'
        ? ['family_emergency', 1]
        : ['dependent_care', 1];
    case 'carer':
      // the nanny is ill: the childcare fell through
      return ['dependent_care', 1];
    case 'relative':
      if (kind === 'severe' || kind === 'hospital') return ['family_emergency', 1.2];
      if (kind === 'medical') return ['dependent_care', 0.7];
      return ['family_emergency', kind === 'vehicle' ? 1 : 0.8];
    case 'pet':
      return ['family_emergency', 1];
    case 'other':
      if (kind === 'medical') return null;
      return ['family_emergency', kind === 'severe' || kind === 'hospital' ? 0.8 : 0.5];
    case 'coworker':
      return kind === 'illness' ? ['work_commitment', 0.5] : null;
  }
}

const VISIT_ONLY = /^(?:a_and_e|er|emergency room|urgent care)$/;

const SUBJECT_VERB = /^ (?:was|is|has|had|got|went|were|are|have|been)\b/;

const RELATIVE_PRONOUN = /^[\s,]*(?:who|which)\b/;

const CONVALESCING =
  /\b(?:recovering|recuperating|convalescing|rehab|rehabilitation|since (?:his|her|their) (?:stroke|surgery|operation))\b/;

const ELIDED_SUBJECT =
  // The conjunction's spaces sit inside its group: [\s,]* then \s* side by side backtrack quadratically (ReDoS).
  /^[\s,]*(?:(?:and|but|so|then|plus)\s*)?(?:who|which|has|have|had|is|was|were|been|got|went|is being|now|then|also|still|just|needs?|wants?|keeps?)\b/;

function whoFor(
  text: string,
  match: Match,
  clause: Clause,
  clauses: Clause[],
  mentions: Mention[],
): Who {
  const own = ` ${match.text} `;
  if (/ my /.test(own)) return 'self';
  const lastBefore = (pos: number, from: number): Mention | undefined => {
    let found: Mention | undefined;
    for (const m of mentions) {
      if (m.start >= pos) break;
      if (m.start >= from && m.end <= pos) found = m;
    }
    return found;
  };
  const topicAt = (pos: number): Who | null => {
    let t: Who | null = null;
    for (const m of mentions) {
      if (m.start >= pos) break;
      if (m.who !== 'self') t = m.who;
    }
    return t;
  };
  if (/ (?:his|her|their) /.test(own)) return topicAt(match.start) ?? 'other';
  const following = followingWho(text.slice(match.end, clause.end), topicAt(match.start));
  if (following) return following;
  const inClause = lastBefore(match.start, clause.start);
  if (inClause) return inClause.who;
  // "... and has been admitted": a clause without its own subject continues the last one
  if (ELIDED_SUBJECT.test(text.slice(clause.start, match.start))) {
    const sentenceStart =
      clauses.find((c) => c.sentence === clause.sentence)?.start ?? clause.start;
    // "..., who is recovering": the person just named; "... and has been admitted": the
    // sentence's subject, its first person ("my father, who I care for, has ...")
    // "... that my brother was hurt and is in intensive care": the last person who is the
    // subject of a verb before the clause, before falling back to the sentence's first person
    const verbSubject = mentions
      .filter(
        (m) =>
          m.start >= sentenceStart &&
          m.end <= clause.start &&
          m.who !== 'self' &&
          SUBJECT_VERB.test(text.slice(m.end, Math.min(clause.start, m.end + 12))),
      )
      .pop();
    const subject = RELATIVE_PRONOUN.test(text.slice(clause.start, match.start))
      ? lastBefore(clause.start, sentenceStart)
      : (verbSubject ?? mentions.find((m) => m.start >= sentenceStart && m.end <= clause.start));
    if (subject) return subject.who;
  }
  return 'self';
}

/** The family member, friend or pet most recently named before `pos`, if any. */
function lastThirdParty(mentions: readonly Mention[], pos: number): Who | null {
  let found: Who | null = null;
  for (const m of mentions) {
    if (m.start >= pos) break;
    if (m.who === 'child' || m.who === 'relative' || m.who === 'pet' || m.who === 'other')
      found = m.who;
  }
  return found;
}

function confidenceOf(top: number, second: number): number {
  const strength = 1 - Math.exp(-top / 3);
  const margin = top > 0 ? (top - second) / top : 0;
  return Math.round((0.35 + 0.6 * strength * (0.4 + 0.6 * margin)) * 100) / 100;
}

const unspecified = (confidence: number, cues: readonly string[] = []): Classification => ({
  category: 'unspecified',
  tier: TIER_OF.unspecified,
  confidence,
  cues,
});

/** Classifies why a candidate cannot attend. Never throws; any string is acceptable input. */
export function classify(text: string): Classification {
  const norm = normalize(typeof text === 'string' ? text : '');
  if (!/[a-z]/.test(norm)) return unspecified(0.9);

  const clauses = splitClauses(norm);
  weighClauses(norm, clauses);
  const mentions = findMentions(norm);
  const scores = new Map<Scored, number>();
  const cues = new Map<Scored, string[]>();

  const matches = collectMatches(norm);
  let ci = 0;
  let childInCrisis = false;
  const anchored = new Set<Scored>();
  for (const match of matches) {
    while (ci < clauses.length - 1 && (clauses[ci]?.end ?? 0) <= match.start) ci++;
    const clause = clauses[ci];
    if (!clause || clause.denied || isNegated(norm, clause, match)) continue;
    const body = norm.slice(clause.start, clause.end);
    let category: Scored;
    let weight = match.weight * clause.weight;
    if (AILMENT.has(match.target)) {
      let kind = match.target as AilmentKind;
      // "recovering from a stroke": an ongoing condition, not an acute crisis
      if (kind === 'severe' && CONVALESCING.test(body)) kind = 'illness';
      if (kind !== 'vehicle' && RECOVERED.test(body)) continue;
      let who = whoFor(norm, match, clause, clauses, mentions);
      // a child seen at A&E and sent home is care, not crisis; admitted or rushed in is a crisis
      if (kind === 'severe' && who === 'child' && VISIT_ONLY.test(match.text)) kind = 'medical';
      if (kind === 'severe' && who === 'child') childInCrisis = true;
      // "... and I need to get to the hospital": the candidate goes there for someone else
      if (kind === 'hospital' && who === 'self')
        who = lastThirdParty(mentions, match.start) ?? 'self';
      // a child admitted to hospital is an emergency; their illness is part of it
      const mapped: [Scored, number] | null =
        who === 'child' && childInCrisis ? ['family_emergency', 1] : attribute(kind, who);
      if (!mapped) continue;
      category = mapped[0];
      weight *= mapped[1];
    } else {
      category = match.target as Scored;
      if (category === 'work_commitment') {
        const subject = mentions
          .filter((m) => m.start >= clause.start && m.start < match.start)
          .pop();
        if (subject && (subject.who === 'relative' || subject.who === 'other')) weight *= 0.2;
      }
    }
    scores.set(category, (scores.get(category) ?? 0) + weight);
    if (match.weight > SUPPORT_ONLY) anchored.add(category);
    const list = cues.get(category) ?? [];
    if (!list.includes(match.text)) list.push(match.text);
    cues.set(category, list);
  }

  const strongestSpecific = Math.max(
    0,
    ...[...scores].filter(([c]) => c !== 'scheduling_conflict').map(([, s]) => s),
  );
  // An unnamed clash gives way to a named one ("double-booked with another interview").
  const clash = scores.get('scheduling_conflict');
  if (clash !== undefined && strongestSpecific >= SPECIFIC_OVER_CLASH)
    scores.set('scheduling_conflict', clash * 0.4);
  // Travel that follows from an emergency, an event or another interview is a consequence.
  const travel = scores.get('travel_disruption');
  const cause = Math.max(
    scores.get('family_emergency') ?? 0,
    scores.get('personal_event') ?? 0,
    scores.get('other_interview') ?? 0,
  );
  if (travel !== undefined && cause >= 3) scores.set('travel_disruption', travel * 0.6);

  // Context words alone ("manager", "laptop") never make a reason; they only add to one.
  for (const category of scores.keys()) if (!anchored.has(category)) scores.delete(category);
  const ranked = [...scores].sort(
    (a, b) => b[1] - a[1] || PRECEDENCE.indexOf(a[0]) - PRECEDENCE.indexOf(b[0]),
  );
  const [best, runnerUp] = ranked;
  if (!best || best[1] < MIN_SCORE) {
    const total = best?.[1] ?? 0;
    return withFallback(norm, unspecified(Math.round((0.85 - 0.15 * total) * 100) / 100), []);
  }
  const [category, top] = best;
  const ruled: Classification = {
    category,
    tier: TIER_OF[category],
    confidence: confidenceOf(top, runnerUp?.[1] ?? 0),
    cues: (cues.get(category) ?? []).slice(0, 6),
  };
  return withFallback(
    norm,
    ruled,
    ranked.filter(([c, s]) => c !== category && s >= MIN_SCORE).map(([c]) => c),
  );
}

/** The fallback may speak only when its posterior (tempered, see fallback.ts) is this high. */
const FALLBACK_MIN_POSTERIOR = 0.5;
/** ... and at least this many known content words favour its category over `unspecified`. */
const FALLBACK_MIN_SUPPORT = 2;
/** A rules result this unsure (a tie or near tie) may be settled by the fallback. */
const LOW_CONFIDENCE = 0.5;
/** A vague reason stays unspecified whatever else the note says (REASONS.md, Edges). */
const VAGUE =
  /\b(?:something (?:has |just )?(?:come|came|cropped|popped|turned) up|(?:family|personal|private|home) (?:stuff|things|matters?|reasons?|issues?|business|circumstances)|stuff (?:going on|at home)|(?:rather|prefer to|prefer) not (?:say|go into|share|explain)|can not (?:say|go into|share) (?:why|more|details))\b/;

/**
 * Consults the naive Bayes fallback when the rules found no reason, or could hardly tell two
 * reasons apart. It may name a reason the rules missed only when it is sure, several content
 * words back it and the note is not a vague "something came up"; it may settle a near tie
 * only in favour of a category the rules also found.
 */
function withFallback(
  norm: string,
  ruled: Classification,
  candidates: readonly Scored[],
): Classification {
  const unsure = ruled.category === 'unspecified' || ruled.confidence <= LOW_CONFIDENCE;
  if (!unsure) return ruled;
  const nb = fallbackClassify(norm);
  if (
    nb.category === 'unspecified' ||
    nb.category === ruled.category ||
    nb.posterior < FALLBACK_MIN_POSTERIOR ||
    nb.support.length < FALLBACK_MIN_SUPPORT
  )
    return ruled;
  if (ruled.category === 'unspecified') {
    if (VAGUE.test(norm)) return ruled;
  } else if (!candidates.includes(nb.category)) {
    return ruled;
  }
  return {
    category: nb.category,
    tier: TIER_OF[nb.category],
    confidence: Math.round(Math.min(0.6, 0.3 + 0.3 * nb.posterior) * 100) / 100,
    cues: nb.support.slice(0, 6),
  };
}
