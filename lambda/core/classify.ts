// STUB: replaced by the classifier work. Signature is the contract.
import { TIER_OF, type Category, type Tier } from './categories.js';

export interface Classification {
  readonly category: Category;
  readonly tier: Tier;
  /** 0..1: how sure the classifier is. */
  readonly confidence: number;
  /** The phrases in the text that decided it (for explanations and debugging). */
  readonly cues: readonly string[];
}

export function classify(_text: string): Classification {
  return { category: 'unspecified', tier: TIER_OF.unspecified, confidence: 0, cues: [] };
}
