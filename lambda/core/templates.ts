/**
 * Templates come into the core as data (the core reads no files): a map from a path
 * under `templates/` ("email/reschedule.liquid", "phrases.json") to its source text.
 */
export type TemplateSet = Readonly<Record<string, string>>;
