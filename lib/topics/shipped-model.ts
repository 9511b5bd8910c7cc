import type { TopicModelData } from './learned';
import { compileTopicModel, type TopicModel } from './learned';
import data from './topic-model.json';

/**
 * The learned model as shipped (rebuilt by `npm run train:topics`). The background sends it to
 * content scripts with the topic settings; it is kept out of the content script's bundle, which
 * classifies with the cues alone until it arrives.
 */
export const TOPIC_MODEL_DATA = data as unknown as TopicModelData;

let compiled: TopicModel | undefined;

/** The shipped model, compiled once (for the command-line tools and tests). */
export function shippedTopicModel(): TopicModel {
  compiled ??= compileTopicModel(TOPIC_MODEL_DATA);
  return compiled;
}
