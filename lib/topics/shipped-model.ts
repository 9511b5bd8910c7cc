import {
  compileTopicModel,
  type TopicModel,
  type TopicModelData,
  type TopicModelMessage,
  topicModelToMessage,
} from './learned';
import data from './topic-model.json';

/**
 * The learned model as shipped (rebuilt by `npm run train:topics`). The background sends it to
 * content scripts with the topic settings; it is kept out of the content script's bundle, which
 * classifies with the cues alone until it arrives.
 */
export const TOPIC_MODEL_DATA = data as unknown as TopicModelData;

let compiled: TopicModel | undefined;
let message: TopicModelMessage | undefined;

/** The shipped model, compiled once (for the command-line tools and tests). */
export function shippedTopicModel(): TopicModel {
  compiled ??= compileTopicModel(TOPIC_MODEL_DATA);
  return compiled;
}

/** The shipped model as the background sends it to content scripts, made once. */
export function shippedTopicModelMessage(): TopicModelMessage {
  message ??= topicModelToMessage(shippedTopicModel());
  return message;
}
