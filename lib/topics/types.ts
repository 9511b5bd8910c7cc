import type { TopicId } from '../paper';

/** A topic the classifier assigned, with the phrases of the text that triggered it. */
export interface TopicMatch {
  id: TopicId;
  /** Confidence in [0, 1]. */
  score: number;
  /** Phrases exactly as they occur in the input text (case preserved). */
  evidence: string[];
}

export interface ClassifyInput {
  title: string;
  abstract?: string;
}
