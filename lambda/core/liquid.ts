/**
 * The wording engine: Liquid over an in-memory TemplateSet (the core reads no files), and the
 * per-category phrases of `templates/phrases.json`, validated once per set.
 *
 * User text only ever reaches a template as a variable, never as template source: Liquid
 * prints variables verbatim, so `{{ 7*7 }}` in a name stays those characters. HTML templates
 * (`*.html.liquid`) render with an engine that escapes every output.
 */
import { Liquid, type Template } from 'liquidjs';
import * as z from './zod.js';
import { CATEGORIES, TIERS, type Category } from './categories.js';
import { TemplateError } from './errors.js';
import type { TemplateSet } from './templates.js';

/** A non-empty string. */
const text = () => z.string().check(z.minLength(1));
/** A non-empty array. */
const nonEmpty = <T extends z.ZodMiniArray>(array: T): T => array.check(z.minLength(1));

const VariantSchema = z.object({
  id: text(),
  /** Every group must match at least one of its cues (whole words, any case) for the variant to apply. */
  when: nonEmpty(z.array(nonEmpty(z.array(text())))),
  reason: z.optional(z.string()),
  lead: z.optional(z.string()),
  smsLead: z.optional(z.string()),
  past: z.optional(z.string()),
  offer: z.optional(z.string()),
  smsOffer: z.optional(z.string()),
});

const CategoryPhrasesSchema = z.object({
  /** What the message discloses (REASONS.md): a phrase the drafts contain verbatim. */
  reason: text(),
  /** The first sentence: the point, with the reason; `{{ interview }}` names the interview. */
  lead: text(),
  smsLead: text(),
  /** The reason once the interview has passed (after the missed-interview apology); may be empty. */
  past: z.string(),
  /** One sentence the candidate can say at the rescheduled meeting. */
  address: text(),
  /** An extra way to meet (technical_issue: a phone call). */
  offer: z.optional(z.string()),
  smsOffer: z.optional(z.string()),
  advice: z.array(z.string()),
  variants: z._default(z.array(VariantSchema), []),
});
export type CategoryPhrases = z.infer<typeof CategoryPhrasesSchema>;

const byUrgency = <T extends z.ZodMiniType>(t: T) =>
  z.object({ past: t, urgent: t, short: t, ample: t, unknown: t });

export const PhrasesSchema = z.object({
  /** How the interviewer is greeted: `interviewer.formal` ("Dr. Weiss"), `interviewer.name`, or neither. */
  greeting: text(),
  /** How the interview is named in a sentence; `{{ when }}` is the time, or null when unknown. */
  interview: text(),
  /** luxon formats for naming a time: long (emails), day (subjects), short (SMS). */
  time: z.object({ long: text(), day: text(), short: text() }),
  apology: byUrgency(text()),
  categories: z.object(
    Object.fromEntries(CATEGORIES.map((c) => [c, CategoryPhrasesSchema])) as Record<
      Category,
      typeof CategoryPhrasesSchema
    >,
  ),
  advice: z.object({
    /** Per notice; for urgent/short the first line is used when the interviewer is known, the second otherwise. */
    notice: byUrgency(nonEmpty(z.array(text()))),
    tier: z.object(
      Object.fromEntries(TIERS.map((t) => [t, z.array(z.string())])) as Record<
        (typeof TIERS)[number],
        z.ZodMiniArray<z.ZodMiniString>
      >,
    ),
    closing: text(),
  }),
  availability: z.object({
    cues: nonEmpty(z.array(text())),
    negations: z.array(text()),
    words: z.array(text()),
    normalize: z.record(z.string(), z.string()),
    sentence: text(),
    open: text(),
    maxWords: z.int().check(z.positive()),
  }),
});
export type Phrases = z.infer<typeof PhrasesSchema>;

interface Wording {
  readonly text: Liquid;
  readonly html: Liquid;
  readonly phrases: Phrases;
  readonly parsed: Map<string, Template[]>;
}

const cache = new WeakMap<TemplateSet, Wording>();

const OPTIONS = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  // Templates are small; a source this large is a mistake, not wording.
  parseLimit: 1_000_000,
} as const;

function load(templates: TemplateSet): Wording {
  const hit = cache.get(templates);
  if (hit) return hit;
  const source = templates['phrases.json'];
  if (source === undefined) throw new TemplateError('templates/phrases.json is missing');
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (cause) {
    throw new TemplateError('templates/phrases.json is not valid JSON', { cause });
  }
  const parsed = PhrasesSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TemplateError(`templates/phrases.json: ${where}`, { cause: parsed.error });
  }
  const files = { ...templates };
  const wording: Wording = {
    text: new Liquid({ ...OPTIONS, templates: files }),
    html: new Liquid({ ...OPTIONS, templates: files, outputEscape: 'escape' }),
    phrases: parsed.data,
    parsed: new Map(),
  };
  cache.set(templates, wording);
  return wording;
}

/** The validated phrases of a template set (throws TemplateError when they are missing or malformed). */
export function phrasesOf(templates: TemplateSet): Phrases {
  return load(templates).phrases;
}

export type Vars = Readonly<Record<string, unknown>>;

/** Parses once per template set: rendering a parsed template is ~100x cheaper than renderFile's lookup. */
function parsed(wording: Wording, engine: Liquid, key: string, source: string): Template[] {
  let tpl = wording.parsed.get(key);
  if (!tpl) {
    tpl = engine.parse(source);
    wording.parsed.set(key, tpl);
  }
  return tpl;
}

/** Renders `templates/<path>` (HTML-escaping when the path ends in `.html.liquid`). */
export function renderTemplate(templates: TemplateSet, path: string, vars: Vars): string {
  const wording = load(templates);
  if (templates[path] === undefined) throw new TemplateError(`template ${path} is missing`);
  const engine = path.endsWith('.html.liquid') ? wording.html : wording.text;
  try {
    return engine.renderSync(
      parsed(wording, engine, `${path}\u0000file`, templates[path]),
      vars,
    ) as string;
  } catch (cause) {
    throw new TemplateError(
      `template ${path} failed to render: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/** Renders one phrase (a Liquid string from phrases.json) as plain text. */
export function renderPhrase(templates: TemplateSet, source: string, vars: Vars): string {
  const wording = load(templates);
  try {
    return wording.text.renderSync(parsed(wording, wording.text, source, source), vars) as string;
  } catch (cause) {
    throw new TemplateError(
      `phrase ${JSON.stringify(source)} failed to render: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}
