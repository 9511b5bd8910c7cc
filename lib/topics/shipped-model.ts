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
 * content scripts with the cue table (message `get-classifier`), keeping both out of the content
 * script's bundle.
 */
export const TOPIC_MODEL_DATA = data as unknown as TopicModelData;

let compiled: TopicModel | undefined;
let message: TopicModelMessage | undefined;

/** The shipped model, compiled once (for the background's message, the tools and tests). */
export function shippedTopicModel(): TopicModel {
  compiled ??= compileTopicModel(TOPIC_MODEL_DATA);
  return compiled;
}

/** The shipped model as the background sends it to content scripts, made once. */
export function shippedTopicModelMessage(): TopicModelMessage {
  message ??= topicModelToMessage(shippedTopicModel());
  return message;
}
