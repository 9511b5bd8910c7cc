/**
 * Bounds on request sizes (lib/messaging.ts re-exports them with the message helpers). A module of
 * its own, free of browser APIs, so that pure modules the command-line tools load (the topic
 * classifier) can share them.
 */
/** Bounds on request sizes; anything larger is rejected, never truncated. */
export const LIMITS = {
  /** Ids per get-saved-state request (a listing page shows at most a few thousand). */
  ids: 5000,
  title: 2000,
  authors: 500,
  author: 300,
  abstract: 20_000,
  url: 2048,
  note: 100_000,
  /** Highest plausible arXiv version number. */
  version: 1000,
  /** A custom topic's name, its phrases, and the length of one phrase. */
  topicLabel: 40,
  topicPhrases: 50,
  topicPhrase: 100,
  /** Topic ids in one correction (built-in and custom). */
  correctionTopics: 64,
  /** Characters in one tag, and tags added or removed by one request (lib/notebook/tags.ts). */
  tag: 50,
  tagChanges: 50,
  /** Papers put back by one undo. */
  restorePapers: 1000,
  /**
   * Characters of an export file sent for import. Chrome refuses runtime messages over 64 MiB of
   * JSON; a file's text is escaped once more inside the message (quotes and line breaks double),
   * so 32 Mi characters keeps real exports under the cap. 10,000 papers make about 20 MB.
   */
  importText: 32 * 1024 * 1024,
} as const;
