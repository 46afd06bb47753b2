/**
 * The reason taxonomy (../shared/REASONS.md): the contract between the classifier,
 * the templates and the data sets.
 */
export const CATEGORIES = [
  'health',
  'dependent_care',
  'family_emergency',
  'work_commitment',
  'travel_disruption',
  'technical_issue',
  'obligation',
  'other_interview',
  'scheduling_conflict',
  'personal_event',
  'unspecified',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How interviewers are known to receive each reason. `unspecified` has no tier ("—"). */
export const TIERS = ['forgivable', 'careful', 'discouraged', 'none'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_OF: Readonly<Record<Category, Tier>> = {
  health: 'forgivable',
  dependent_care: 'forgivable',
  family_emergency: 'forgivable',
  work_commitment: 'forgivable',
  travel_disruption: 'forgivable',
  technical_issue: 'forgivable',
  obligation: 'forgivable',
  other_interview: 'careful',
  scheduling_conflict: 'careful',
  personal_event: 'discouraged',
  unspecified: 'none',
};
