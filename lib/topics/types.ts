import type { TopicId } from '../paper';

/** A topic the classifier assigned, with the phrases of the text that triggered it. */
export interface TopicMatch {
  id: TopicId;
  /** Confidence in [0, 1]. */
  score: number;
  /** Phrases exactly as they occur in the input text (case preserved). */
  evidence: string[];
  /**
   * Shown on the learned model's judgement alone: no phrase names the bias, and `evidence` holds
   * the words of the topic's field that asked the model (candidate phrases, candidates.ts).
   */
  inferred?: true;
}

export interface ClassifyInput {
  title: string;
  abstract?: string;
}
