/**
 * Text normalisation for the reason classifier: keeps only the candidate's own words
 * (drops quoted replies, forwarded invites, greetings and sign-offs), then folds case,
 * contractions, texting abbreviations and common misspellings into one spelling so the
 * cue lexicon can stay small and readable.
 */

/** Reasons sit at the top of a message; past this many characters nothing is read. */
export const MAX_CHARS = 20_000;

/** Where the candidate's note ends and quoted or forwarded material begins. */
const QUOTE_MARKERS: readonly RegExp[] = [
  /^[ \t]*-{2,}[ \t]*(forwarded|original) message/im,
  /^[ \t]*begin forwarded message/im,
  /^[ \t]*on\b.{4,200}\bwrote:[ \t]*$/im,
  /^[ \t]*>/m,
  /^[ \t]*from:[ \t].*\r?\n(?:.*\r?\n){0,3}?[ \t]*(sent|date|to|subject):/im,
  /^[ \t]*_{5,}[ \t]*$/m,
];

/** Lines that end the note: everything after one is a signature. */
const SIGN_OFF =
  // No two [ \t]* side by side (an optional word between them): that backtracks quadratically (ReDoS).
  /^[ \t]*(?:(?:with )?(?:(?:kind(?:est)?|best|warm(?:est)?|many|all the)[ \t]*)?(?:regards|wishes|thanks|thank you)(?: so much| again| for (?:your )?understanding| for understanding)?|cheers|sincerely|yours(?: sincerely| faithfully| truly)?|best|warmly|respectfully|(?:with )?apologies|sorry|thx|ta|x+)[ \t]*(?:[,.!]+[ \t]*)?$/im;

const GREETING_LINE =
  /^[ \t]*(?:hi|hey|hello|hiya|dear|good (?:morning|afternoon|evening)|greetings|to whom it may concern)\b[^\n]{0,60}$/i;
const GREETING_PREFIX =
  /^[ \t]*(?:hi|hey|hello|hiya|dear|good (?:morning|afternoon|evening))\b[^,\n]{0,40},/i;
const PLEASANTRIES =
  /\b(?:i )?hope (?:you(?:'| a)re|you are|this (?:email |message |note )?finds you|all is) (?:well|keeping well|doing well|good|having a good (?:day|week))\b/gi;

/** Cuts quoted/forwarded material, a leading greeting and the sign-off block. */
export function candidateNote(text: string): string {
  let head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  if (!head.includes('\n')) return head.replace(GREETING_PREFIX, ' ').replace(PLEASANTRIES, ' ');
  let cut = head.length;
  for (const marker of QUOTE_MARKERS) {
    const m = marker.exec(head);
    if (m && m.index < cut) cut = m.index;
  }
  if (cut < head.length && /[a-z]{3}/i.test(head.slice(0, cut))) head = head.slice(0, cut);

  // a pasted subject line ("Re: Interview - Operations Manager") is the thread's, not the note's
  const lines = head.split(/\r?\n/).map((l) => (/^\s*(?:re|fwd?|subject)\s*:/i.test(l) ? '' : l));
  const firstText = lines.findIndex((l) => l.trim() !== '');
  if (firstText >= 0 && lines.length > 1 && GREETING_LINE.test(lines[firstText] ?? ''))
    lines[firstText] = '';
  const signOff = lines.findIndex((l, i) => i > firstText && SIGN_OFF.test(l));
  const body = (signOff > 0 ? lines.slice(0, signOff) : lines).join('\n');
  return body.replace(GREETING_PREFIX, ' ').replace(PLEASANTRIES, ' ');
}

/** Whole-token rewrites: texting shorthand, British/American variants, common typos. */
const TOKEN_MAP: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // shorthand
    tmrw: 'tomorrow',
    tmr: 'tomorrow',
    tmw: 'tomorrow',
    tmoz: 'tomorrow',
    tomoz: 'tomorrow',
    '2morrow': 'tomorrow',
    '2moro': 'tomorrow',
    '2mrw': 'tomorrow',
    '2morow': 'tomorrow',
    tomorow: 'tomorrow',
    tommorow: 'tomorrow',
    tommorrow: 'tomorrow',
    '2day': 'today',
    '2nite': 'tonight',
    tonite: 'tonight',
    nite: 'night',
    sry: 'sorry',
    srry: 'sorry',
    soz: 'sorry',
    sorri: 'sorry',
    bc: 'because',
    bcuz: 'because',
    cuz: 'because',
    coz: 'because',
    cos: 'because',
    becuase: 'because',
    ppl: 'people',
    appt: 'appointment',
    appts: 'appointments',
    bday: 'birthday',
    tix: 'tickets',
    wk: 'week',
    wks: 'weeks',
    hr: 'hour',
    hrs: 'hours',
    rn: 'right now',
    u: 'you',
    ur: 'your',
    pls: 'please',
    plz: 'please',
    thru: 'through',
    b4: 'before',
    gonna: 'going to',
    gotta: 'got to',
    wanna: 'want to',
    kinda: 'kind of',
    tho: 'though',
    altho: 'although',
    hubby: 'husband',
    bf: 'boyfriend',
    gf: 'girlfriend',
    doc: 'doctor',
    docs: 'doctor',
    dr: 'doctor',
    hosp: 'hospital',
    mgr: 'manager',
    govt: 'government',
    resched: 'reschedule',
    convo: 'conversation',
    bro: 'brother',
    sis: 'sister',
    grandad: 'grandfather',
    granddad: 'grandfather',
    grandpa: 'grandfather',
    gramps: 'grandfather',
    grandma: 'grandmother',
    granny: 'grandmother',
    gran: 'grandmother',
    nan: 'grandmother',
    nana: 'grandmother',
    nanna: 'grandmother',
    mom: 'mum',
    mam: 'mum',
    mommy: 'mum',
    mummy: 'mum',
    momma: 'mum',
    mother: 'mum',
    father: 'dad',
    daddy: 'dad',
    kiddo: 'kid',
    kiddos: 'kids',
    bub: 'baby',
    lo: 'little one',
    meds: 'medication',
    temp: 'temperature',
    covid19: 'covid',
    'covid-19': 'covid',
    corona: 'covid',
    wifi: 'wifi',
    'wi-fi': 'wifi',
    wi_fi: 'wifi',
    vid: 'video',
    pc: 'computer',
    convos: 'conversations',
    // British / American
    canceled: 'cancelled',
    canceling: 'cancelling',
    cancelation: 'cancellation',
    labor: 'labour',
    neighbor: 'neighbour',
    neighborhood: 'neighbourhood',
    tire: 'tyre',
    tires: 'tyres',
    center: 'centre',
    theater: 'theatre',
    traveling: 'travelling',
    traveled: 'travelled',
    organization: 'organisation',
    hospitalized: 'hospitalised',
    apologize: 'apologise',
    // typos
    hospitol: 'hospital',
    hosptial: 'hospital',
    hopsital: 'hospital',
    hospial: 'hospital',
    hsopital: 'hospital',
    apointment: 'appointment',
    appoinment: 'appointment',
    appointmnet: 'appointment',
    appoitment: 'appointment',
    appiontment: 'appointment',
    emergancy: 'emergency',
    emergeny: 'emergency',
    emergecy: 'emergency',
    emergncy: 'emergency',
    emmergency: 'emergency',
    interveiw: 'interview',
    intreview: 'interview',
    inteview: 'interview',
    interivew: 'interview',
    funral: 'funeral',
    funeral: 'funeral',
    funerel: 'funeral',
    cancled: 'cancelled',
    canceld: 'cancelled',
    cancelld: 'cancelled',
    cancelled: 'cancelled',
    sik: 'sick',
    seck: 'sick',
    docter: 'doctor',
    doctr: 'doctor',
    migrane: 'migraine',
    migrain: 'migraine',
    temprature: 'temperature',
    temperture: 'temperature',
    babysiter: 'babysitter',
    baby_sitter: 'babysitter',
    chilcare: 'childcare',
    childare: 'childcare',
    internt: 'internet',
    interent: 'internet',
    laptp: 'laptop',
    labtop: 'laptop',
    accidnet: 'accident',
    accedent: 'accident',
    jurry: 'jury',
    brocken: 'broken',
    passd: 'passed',
    schedualed: 'scheduled',
    sceduled: 'scheduled',
    diarrhea: 'diarrhoea',
    diarhea: 'diarrhoea',
    dentst: 'dentist',
    surgury: 'surgery',
    sergery: 'surgery',
    feaver: 'fever',
    fevar: 'fever',
    poisining: 'poisoning',
    poisonning: 'poisoning',
    daycare: 'daycare',
    childminder: 'childminder',
  }),
);

/** Cue words long and distinctive enough to repair a one-letter typo in. */
const FUZZY_KEYS: readonly string[] = [
  'hospital',
  'appointment',
  'emergency',
  'interview',
  'funeral',
  'cancelled',
  'childcare',
  'babysitter',
  'internet',
  'broadband',
  'computer',
  'microphone',
  'migraine',
  'temperature',
  'accident',
  'ambulance',
  'grandmother',
  'grandfather',
  'daughter',
  'infection',
  'chickenpox',
  'pneumonia',
  'bronchitis',
  'tonsillitis',
  'concussion',
  'contagious',
  'vomiting',
  'poisoning',
  'headache',
  'surgery',
  'dentist',
  'hurricane',
  'blizzard',
  'flooding',
  'wildfire',
  'breakdown',
  'medication',
  'antibiotics',
  'procedure',
  'bereavement',
  'deadline',
  'manager',
  'supervisor',
  'vacation',
  'birthday',
  'graduation',
  'tournament',
  'marathon',
  'assessment',
  'commitment',
  'schedule',
  'scheduled',
  'conflict',
  'double',
  'forgot',
  'summons',
  'religious',
  'consulate',
  'embassy',
  'immigration',
  'citizenship',
  'passport',
  'biometrics',
  'nursery',
  'daycare',
  'childminder',
  'caregiver',
  'hospice',
  'intensive',
  'critical',
  'stomach',
  'laptop',
  'webcam',
  'router',
  'outage',
  'cancellation',
  'delayed',
  'unwell',
  'poorly',
  'feeling',
];

const FUZZY_BY_FIRST = new Map<string, string[]>();
for (const key of FUZZY_KEYS) {
  const list = FUZZY_BY_FIRST.get(key[0] ?? '') ?? [];
  list.push(key);
  FUZZY_BY_FIRST.set(key[0] ?? '', list);
}
const KNOWN = new Set<string>([...FUZZY_KEYS, ...TOKEN_MAP.values()]);

/** True when a and b differ by one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Repairs a single-edit typo of a distinctive cue word (same first letter, >= 7 letters). */
function repair(token: string): string {
  if (token.length < 7 || KNOWN.has(token)) return token;
  const candidates = FUZZY_BY_FIRST.get(token[0] ?? '');
  if (!candidates) return token;
  for (const key of candidates) {
    if (key.length >= 6 && withinOneEdit(token, key)) {
      // plurals and verb forms of a key are words, not typos
      if (
        token === `${key}s` ||
        token === `${key}d` ||
        token === `${key}ed` ||
        token === `${key}ing`
      )
        return token;
      return key;
    }
  }
  return token;
}

/** Emoji that say as much as a word in a text message. */
const EMOJI_MEANING: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '\u{1F912}': 'feeling sick',
    '\u{1F927}': 'feeling sick',
    '\u{1F922}': 'feeling sick',
    '\u{1F92E}': 'feeling sick',
    '\u{1F637}': 'feeling sick',
    '\u{1F915}': 'injured',
    '\u{1F3B8}': 'gig',
    '\u{1F3A4}': 'gig',
    '\u{1F3B6}': 'gig',
    '\u{1F3B5}': 'gig',
    '\u{1F39F}': 'tickets',
    '\u{1F3AB}': 'tickets',
    '\u26BD': 'match',
    '\u{1F3C8}': 'match',
    '\u{1F3C0}': 'match',
    '\u26BE': 'match',
    '\u{1F3D2}': 'match',
    '\u{1F3BE}': 'match',
    '\u{1F389}': 'party',
    '\u{1F973}': 'party',
    '\u{1F382}': 'birthday',
    '\u{1F388}': 'party',
    '\u{1F3D6}': 'vacation',
    '\u{1F334}': 'vacation',
    '\u{1F492}': 'wedding',
    '\u{1F470}': 'wedding',
    '\u{1F697}\u{1F4A5}': 'car crash',
    '\u{1F4A5}\u{1F697}': 'car crash',
  }),
);
const EMOJI_WORDS = new RegExp(
  [...EMOJI_MEANING.keys()].sort((a, b) => b.length - a.length).join('|'),
  'gu',
);

const ILL_AS_I_WILL =
  /\bill (?=(?:be|email|call|text|send|get|let|try|do|have|make|need|reach|come|see|check|update|explain|keep|join|ring|message|follow|look|find|just|definitely|probably|still|go|take|write|contact|respond|reply|confirm|sort|bring|wait)\b)/g;

/**
 * Lower-cases and rewrites the note into the lexicon's spelling. Sentence punctuation and
 * line breaks survive (they delimit clauses); apostrophes, emoji and most symbols do not.
 */
export function normalize(text: string): string {
  let s = candidateNote(text);
  const ascii = !NON_ASCII.test(s);
  if (!ascii) {
    s = s
      .normalize('NFKC')
      .replace(/[\u2018\u2019\u201B\u2032`\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
      .replace(/[\u2013\u2014\u2015]/g, ' - ');
  }
  // case carries meaning only here: "IT wiped it", "at the ER"
  s = s
    .replace(/\b(?:IT|ER)\b/g, (m) => (m === 'IT' ? ' it_dept ' : ' emergency room '))
    .toLowerCase();
  if (!ascii) {
    s = s
      .replace(EMOJI_WORDS, (e) => ` ${EMOJI_MEANING.get(e) ?? ''} `)
      .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0F/gu, ' ');
  }
  if (/[&+/]/.test(s)) {
    s = s
      .replace(/\ba\s?&\s?e\b/g, ' a_and_e ')
      .replace(/\bw\/o\b/g, ' without ')
      .replace(/\bb\/c\b/g, ' because ')
      .replace(/\bw\/(?=\s|[a-z])/g, ' with ')
      .replace(/\by\/o\b/g, ' year old ')
      .replace(/[&+]/g, ' and ');
  }
  s = s
    .replace(/\bi\.t\.(?=\s|$)|\b(\d+)\s?(?:yo|y\.o\.|yr old|yrs old)\b/g, (m, n?: string) =>
      n === undefined ? ' it_dept ' : ` ${n} year old `,
    )
    .replace(CONTRACTION, expandContraction)
    .replace(ILL_AS_I_WILL, 'i will ')
    .replace(ITS_IS, '$1 is ')
    // fillers in voicemail transcripts
    .replace(/(?<!\b(?:the|an|in|to|at|from) )\b(?:um+|uh+|erm+|uhm+|hmm+|er)\b,?/g, ' ')
    // hyphenated words become spaced words; other symbols become spaces
    .replace(/(?<=[a-z0-9])-(?=[a-z0-9])|[^a-z0-9_%.!?;:,\n ]+/g, ' ')
    .replace(/[a-z0-9_]+/g, (tok) => TOKEN_MAP.get(tok) ?? repair(tok));
  return s
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

const NON_ASCII = /[^\t\n\r -~]/;
const ITS_IS =
  /\b(it|that|there)s (?=(?:a|an|the|not|my|just|been|going|only|all|so|really|because|what|about)\b)/g;

/** Contractions, with and without the apostrophe: "can't"/"cant" -> "can not". */
const CONTRACTION =
  /\b(?:cannot|(can|won|shan|ain)'?t|(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need|might)n'?t|i'?(m|ve)|i'(d|ll)|(it|that|what|there|here|he|she|who|where)'s)\b|'(re|ve|ll|d|s)\b|s'(?=\s)/g;
const NOT_OF: Readonly<Record<string, string>> = {
  can: 'can not',
  won: 'will not',
  shan: 'shall not',
  ain: 'is not',
};
const AFTER_I: Readonly<Record<string, string>> = {
  m: 'i am',
  ve: 'i have',
  d: 'i would',
  ll: 'i will',
};
const SUFFIX: Readonly<Record<string, string>> = {
  re: ' are',
  ve: ' have',
  ll: ' will',
  d: ' would',
  s: '',
};

function expandContraction(
  m: string,
  modal?: string,
  aux?: string,
  iShort?: string,
  iLong?: string,
  isSubject?: string,
  suffix?: string,
): string {
  if (m === 'cannot') return 'can not';
  if (modal !== undefined) return NOT_OF[modal] ?? m;
  if (aux !== undefined) return `${aux} not`;
  const i = iShort ?? iLong;
  if (i !== undefined) return AFTER_I[i] ?? m;
  if (isSubject !== undefined) return `${isSubject} is`;
  if (suffix !== undefined) return SUFFIX[suffix] ?? '';
  return 's';
}
