/** Bias-topic classification: taxonomy data, the classifier, batch and evaluation helpers. */

export { type BatchSummary, classifyLines, type LineResult, processLine } from './batch';
export { ABSTRACT_BAR, type ClassifyOptions, classify, TITLE_ONLY_BAR } from './classify';
export {
  evaluateTopics,
  formatReport,
  type LabelledPrediction,
  type PrfScores,
  prf,
  type TopicReport,
} from './metrics';
export {
  contrastRatio,
  getTopicInfo,
  pickTextColor,
  relativeLuminance,
  TOPICS,
  type TopicInfo,
} from './taxonomy';
export type { ClassifyInput, TopicMatch } from './types';
