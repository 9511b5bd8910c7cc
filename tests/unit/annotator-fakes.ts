/** Shared fakes of the annotator tests: a toy site adapter, a scheduler and the background port. */
import type { AnnotatorPort, PageState } from '../../lib/annotate/annotator';
import type { Scheduler } from '../../lib/annotate/scheduler';
import type { CorrectionEntry } from '../../lib/db/corrections';
import type { TopicConfig } from '../../lib/db/topic-settings';
import { digestOf } from '../../lib/known-ids';
import type { ExtractedPaper, SiteId, TopicId } from '../../lib/paper';
import { CardExtractionError, type SiteAdapter } from '../../lib/sites/types';
import { CUE_TABLE } from '../../lib/topics/cues';
import { customPattern } from '../../lib/topics/custom';
import type { ClassifierData } from '../../lib/topics/engine';
import { compileTopicModel } from '../../lib/topics/learned';
import type { TopicCorrection } from '../../lib/topics/merge';
import { TOPIC_DESCRIPTIONS } from '../../lib/topics/taxonomy';
import type { TopicMatch } from '../../lib/topics/types';

// A minimal adapter over a toy markup: <li class="paper"><a href="/abs/ID">Title</a></li>.
export const toyAdapter: SiteAdapter = {
  id: 'arxiv',
  name: 'toy',
  matches: () => true,
  findCards: (root) => [...root.querySelectorAll('li.paper')],
  extractPaper(card, _pageData, options) {
    const link = card.querySelector('a[href^="/abs/"]');
    if (!link) throw new CardExtractionError('arxiv', 'id', 'a[href^="/abs/"]');
    const arxivId = (link.getAttribute('href') ?? '').slice('/abs/'.length);
    return {
      id: `arxiv:${arxivId}`,
      arxivId,
      title: link.textContent ?? '',
      // `data-authors="A;B"`; skipped when the caller does not need authors.
      authors:
        options?.authors === false
          ? []
          : (card.getAttribute('data-authors')?.split(';').filter(Boolean) ?? []),
      url: `https://arxiv.org/abs/${arxivId}`,
      site: 'arxiv',
      // `data-abstract="…"` stands for an abstract shown on the card.
      ...(card.hasAttribute('data-abstract')
        ? { abstract: card.getAttribute('data-abstract') ?? '' }
        : {}),
    };
  },
  paperIdOf(card) {
    const href = card.querySelector('a[href^="/abs/"]')?.getAttribute('href');
    return href ? `arxiv:${href.slice(5)}` : undefined;
  },
  mountPoint: (card) => ({ anchor: card, position: 'append' }),
};

/** "Gender" in a title gives Social; "judge" gives Evaluation. */
export const classifyByTitle = (paper: ExtractedPaper): TopicMatch[] => {
  const topics: TopicMatch[] = [];
  if (/gender/i.test(paper.title)) topics.push({ id: 'social', score: 0.9, evidence: ['gender'] });
  if (/judge/i.test(paper.title))
    topics.push({ id: 'evaluation', score: 0.9, evidence: ['judge'] });
  return topics;
};

/**
 * Runs every scheduled task synchronously-ish: tasks go to microtasks, yields resolve at once.
 * Its clock stands still, so a pass is never cut into time slices: what a test sees does not
 * depend on how fast the machine is (a loaded CI machine once split a two-card page in two).
 * Tests of slicing pass their own clock.
 */
export function immediateScheduler(): Scheduler {
  let cancelled = false;
  return {
    soon: (task) => queueMicrotask(() => !cancelled && task()),
    yield: () => Promise.resolve(),
    now: () => 0,
    sleep: () => Promise.resolve(),
    cancel: () => {
      cancelled = true;
    },
  };
}

/** A learned model that promotes and vetoes nothing. */
export const NEUTRAL_MODEL = compileTopicModel({
  promoteAt: 0.2,
  askFrom: 0.35,
  vetoBelow: 0.8,
  vetoAt: 0.05,
  topics: {},
});

/** A background in memory, recording every call. */
export class FakePort implements AnnotatorPort {
  saved = new Set<string>();
  notes = new Map<string, string>();
  corrections = new Map<string, CorrectionEntry>();
  /** The settings; getConfig adds the custom topics' pattern, as the background does. */
  config: Omit<TopicConfig, 'customPattern' | 'descriptions'> = {
    customTopics: [],
    disabled: [],
    summaryFilter: null,
  };
  /** The classifier's data sent when asked for; undefined: the request fails. */
  classifier: ClassifierData | undefined = { cues: CUE_TABLE, model: NEUTRAL_MODEL };
  classifierRequests = 0;
  pageStateCalls: string[][] = [];
  /** Answers asked for the known-ids digest, like the background; false: an older background. */
  sendsDigest = true;
  digestCalls = 0;
  configCalls: SiteId[] = [];
  saves: Array<{ paper: ExtractedPaper; topics: TopicId[] }> = [];
  correctionCalls: Array<{ id: string; correction: TopicCorrection; topics: TopicId[] }> = [];
  filterCalls: Array<{ site: SiteId; topic: string | null }> = [];
  noteCalls: Array<{ id: string; note: string }> = [];
  calls: string[] = [];

  async getPageState(ids: string[], options?: { knownIds?: boolean }): Promise<PageState> {
    this.pageStateCalls.push(ids);
    const state: PageState = {
      saved: ids.filter((id) => this.saved.has(id)),
      corrections: ids.flatMap((id) => {
        const correction = this.corrections.get(id);
        return correction ? [correction] : [];
      }),
    };
    if (options?.knownIds && this.sendsDigest) {
      this.digestCalls++;
      state.known = digestOf([...this.saved, ...this.corrections.keys()]);
    }
    return state;
  }
  async getConfig(site: SiteId) {
    this.configCalls.push(site);
    const config = structuredClone(this.config);
    return {
      ...config,
      customPattern: customPattern(config.customTopics),
      descriptions: TOPIC_DESCRIPTIONS,
    };
  }
  async getClassifier() {
    this.classifierRequests++;
    if (!this.classifier) throw new Error('getClassifier failed');
    return this.classifier;
  }
  async save(paper: ExtractedPaper, topics: TopicId[]) {
    this.calls.push(`save ${paper.id}`);
    this.saves.push({ paper, topics });
    this.saved.add(paper.id);
  }
  async unsave(id: string) {
    this.saved.delete(id);
  }
  async setCorrection(id: string, correction: TopicCorrection, topics: TopicId[]) {
    this.correctionCalls.push({ id, correction, topics });
    if (correction.added.length + correction.removed.length === 0) this.corrections.delete(id);
    else
      this.corrections.set(id, {
        id,
        added: [...correction.added],
        removed: [...correction.removed],
      });
  }
  async setSummaryFilter(site: SiteId, topic: string | null) {
    this.filterCalls.push({ site, topic });
  }
  async getNote(id: string) {
    return this.notes.get(id) ?? '';
  }
  async updateNote(id: string, note: string) {
    this.calls.push(`note ${id}`);
    if (!this.saved.has(id)) throw new Error(`${id} is not saved`);
    this.noteCalls.push({ id, note });
    this.notes.set(id, note);
  }
}

export function card(id: string, title: string): string {
  return `<li class="paper"><a href="/abs/${id}">${title}</a></li>`;
}

/** Lets MutationObserver callbacks and the passes they schedule run. */
export async function settle(annotator: { whenIdle(): Promise<void> }) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await annotator.whenIdle();
  }
}
