import type { RequestMap, RequestType, SuccessMap } from '../messages';
import { LIMITS, sendRequest } from '../messaging';
import type { ExtractedPaper } from '../paper';
import { prepareClassifier } from '../topics/engine';
import { topicModelFromMessage } from '../topics/learned';
import type { AnnotatorPort, PageState } from './annotator';

/** Sends a request to the background; a refusal or a failure to reach it becomes an exception. */
async function request<T extends RequestType>(
  message: RequestMap[T] & { type: T },
): Promise<SuccessMap[T]> {
  const response = await sendRequest<T>(message);
  if (!response.ok) throw new Error(response.error);
  return response;
}

/** The annotator's link to the background: typed messages, errors turned into exceptions. */
export const messagingPort: AnnotatorPort = {
  async getPageState(ids, options) {
    const state: PageState = { saved: [], corrections: [] };
    // One message per page in practice; chunked only for pages beyond the request bound. No ids
    // still make one request when the digest is wanted.
    for (
      let start = 0;
      start < ids.length || (start === 0 && options?.knownIds);
      start += LIMITS.ids
    ) {
      const response = await request({
        type: 'get-page-state',
        ids: ids.slice(start, start + LIMITS.ids),
        ...(options?.knownIds && start === 0 ? { knownIds: true } : {}),
      });
      state.saved.push(...response.saved);
      state.corrections.push(...response.corrections);
      if (response.known) state.known = response.known;
    }
    return state;
  },
  getConfig: (site) => request({ type: 'get-topic-config', site }),
  async getClassifier() {
    const { cues, model } = await request({ type: 'get-classifier' });
    const data = { cues, model: topicModelFromMessage(model) };
    prepareClassifier(data);
    return data;
  },
  async save(paper, topics) {
    await request({ type: 'save-paper', paper: fitToLimits(paper), topics });
  },
  async unsave(id) {
    await request({ type: 'unsave-paper', id });
  },
  async setCorrection(id, correction, topics) {
    await request({
      type: 'set-topic-correction',
      id,
      added: [...correction.added],
      removed: [...correction.removed],
      topics,
    });
  },
  async setSummaryFilter(site, topic) {
    await request({ type: 'set-summary-filter', site, topic });
  },
  async getNote(id) {
    return (await request({ type: 'get-note', id })).note;
  },
  async updateNote(id, note) {
    await request({ type: 'update-note', id, note });
  },
};

/**
 * Shortens what a page showed to the sizes the background accepts. Pages can carry absurd text
 * (a 100 KB title); saving a shortened copy beats refusing to save.
 */
export function fitToLimits(paper: ExtractedPaper): ExtractedPaper {
  const fitted: ExtractedPaper = {
    ...paper,
    title: clip(paper.title, LIMITS.title),
    authors: paper.authors.slice(0, LIMITS.authors).map((author) => clip(author, LIMITS.author)),
  };
  if (paper.abstract !== undefined) fitted.abstract = clip(paper.abstract, LIMITS.abstract);
  return fitted;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
