import { CUE_TABLE } from './cues';
import { anchorsOf, type ClassifyOptions, candidatePhrasesWith, classifyWith } from './engine';
import type { CompiledCandidate } from './learned';
import type { ClassifyInput, TopicMatch } from './types';

export {
  ABSTRACT_BAR,
  CANDIDATE_SCORE,
  type ClassifyOptions,
  TITLE_ONLY_BAR,
} from './engine';

/**
 * Classifies a paper into bias topics with the shipped cues (cues.ts), for the tools and tests;
 * see engine.ts. Content scripts call classifyWith on the cue table the background sends.
 */
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): TopicMatch[] {
  return classifyWith(CUE_TABLE, input, options);
}

/** All anchor literals of the shipped cues (no anchor may be a prefix of another: tested). */
export const ANCHORS: readonly string[] = anchorsOf(CUE_TABLE);

/** Per topic, the candidate phrases of the texts (at most three, each once). */
export function candidatePhrases(list: readonly CompiledCandidate[], ...texts: string[]) {
  return candidatePhrasesWith(CUE_TABLE, list, ...texts);
}
