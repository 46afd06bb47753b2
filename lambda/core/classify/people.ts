/**
 * Who a clause is about. An illness is `health` when it is the candidate's, `dependent_care`
 * when it is their child's, `family_emergency` when a relative or pet is in crisis; a
 * partner's work trip is not the candidate's work commitment.
 */
export type Who = 'self' | 'child' | 'relative' | 'other' | 'pet' | 'coworker' | 'carer';

export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly who: Who;
}

const CHILD_WORDS =
  'son|sons|daughter|daughters|kid|kids|child|children|baby|babies|toddler|little one|little ones|twins|youngest|eldest|oldest|boy|boys|girl|girls|infant|newborn|stepson|stepdaughter|step kids|stepkids|teenager|\\d+ (?:year|month) old';
const RELATIVE_WORDS =
  'mum|dad|parents|brother|sister|sibling|siblings|wife|husband|partner|spouse|fiance|fiancee|boyfriend|girlfriend|grandmother|grandfather|grandparents|aunt|auntie|aunty|uncle|cousin|niece|nephew|stepdad|stepmum|stepfather|stepmother|in laws|family|relative|relatives';
const OTHER_WORDS =
  'best friend|friend|friends|roommate|flatmate|housemate|neighbour|neighbours|godmother|godfather';
const PET_WORDS = 'dog|cat|puppy|kitten|pet|horse|rabbit|bunny|parrot|hamster';
const COWORKER_WORDS =
  'team|coworker|coworkers|co worker|co workers|colleague|colleagues|staff|boss|manager|supervisor|foreman|employees';
const CARER_WORDS =
  'nanny|babysitter|sitter|childminder|au pair|carer|caregiver|aide|home nurse|nurse|care worker|support worker|helper|daycare provider|teacher|district nurse|community nurse|visiting nurse';

const MENTION = new RegExp(
  [
    `(?<det>my|our|the|her|his|their|a) (?:(?:\\d+ year old|[a-z]+) )?(?<noun>${CHILD_WORDS}|${RELATIVE_WORDS}|${OTHER_WORDS}|${PET_WORDS}|${COWORKER_WORDS}|${CARER_WORDS})`,
    `(?<bare>${CHILD_WORDS}|mum|dad|grandmother|grandfather|kid|kids|little one|nanny|babysitter|childminder|au pair|carer|caregiver)`,
    `(?<self>i|me|myself)`,
    `(?<pronoun>he|she|him|her|they|them|his|their)`,
    `(?<we>we|us)`,
  ]
    .map((alt) => `\\b${alt}\\b`)
    .join('|'),
  'g',
);

const CHILD_RE = new RegExp(`^(?:${CHILD_WORDS})$`);
const RELATIVE_RE = new RegExp(`^(?:${RELATIVE_WORDS})$`);
const PET_RE = new RegExp(`^(?:${PET_WORDS})$`);
const COWORKER_RE = new RegExp(`^(?:${COWORKER_WORDS})$`);
const CARER_RE = new RegExp(`^(?:${CARER_WORDS})$`);

function nounWho(det: string | undefined, noun: string, relay = false): Who {
  if (PET_RE.test(noun)) return 'pet';
  if (CHILD_RE.test(noun)) {
    if (det === 'a') return 'other';
    // "her kids" are someone else's, unless a relay speaks of the candidate in the third person
    return !relay && (det === 'her' || det === 'his' || det === 'their') ? 'other' : 'child';
  }
  if (RELATIVE_RE.test(noun)) return det === 'a' ? 'other' : 'relative';
  if (CARER_RE.test(noun)) return 'carer';
  if (COWORKER_RE.test(noun)) return det === 'a' ? 'other' : 'coworker';
  return 'other';
}

/** A relayed note ("Candidate says her son ...") speaks of the candidate in the third person. */
const RELAY = /\b(?:candidate|applicant|caller|the interviewee)\b/;

/** Every person mention, pronouns resolved to the last third party named before them. */
export function findMentions(text: string): Mention[] {
  const relay = RELAY.test(text);
  const out: Mention[] = [];
  let topic: Who | null = null;
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const g = m.groups ?? {};
    let who: Who;
    if (g.noun !== undefined) who = nounWho(g.det, g.noun, relay);
    else if (g.bare !== undefined) who = nounWho(undefined, g.bare);
    else if (g.self !== undefined) who = 'self';
    else if (topic) who = topic;
    else if (g.we !== undefined) continue;
    else continue;
    if (who !== 'self' && g.pronoun === undefined && g.we === undefined) topic = who;
    out.push({ start: m.index, end: m.index + m[0].length, who });
  }
  return out;
}

/** "with him", "for my son": the person an ailment or care duty is about, said after it. */
const FOLLOWING = new RegExp(
  `^(?:(?:that )?(?<subject>he|she|they)\\b|(?:[a-z0-9_%]+ ){0,4}?(?:with|for) (?:(?<pronoun>him|her|them)|(?:my|our) (?:(?:little|baby|younger|older|elderly) )?(?<noun>${CHILD_WORDS}|${RELATIVE_WORDS}|${PET_WORDS}))\\b)`,
);

export function followingWho(after: string, topicAt: Who | null): Who | null {
  const m = FOLLOWING.exec(after.trimStart());
  if (!m) return null;
  const g = m.groups ?? {};
  if (g.noun !== undefined) return nounWho('my', g.noun);
  if (g.subject !== undefined) return topicAt;
  return topicAt;
}
