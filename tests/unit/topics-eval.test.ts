import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../lib/paper';
import { classify } from '../../lib/topics/classify';
import { CUE_TABLE, type CueTable } from '../../lib/topics/cues';
import { classifyWith } from '../../lib/topics/engine';
import { type TopicModelMessage, topicModelFromMessage } from '../../lib/topics/learned';
import { evaluateTopics } from '../../lib/topics/metrics';
import { shippedTopicModel, shippedTopicModelMessage } from '../../lib/topics/shipped-model';
import { DEV, EXTRA, type FixturePaper, SEED } from '../fixtures/topics/fixtures';

/** The classifier as shipped: the cues and the learned model. */
function evaluate(papers: FixturePaper[], titleOnly: boolean) {
  const model = shippedTopicModel();
  return evaluateTopics(
    papers.map((p) => ({
      gold: p.topics,
      predicted: classify(titleOnly ? { title: p.title } : p, { model }).map((t) => t.id),
    })),
  );
}

/** Acceptance targets of the topic issue, so a regression fails the build. */
describe('eval targets on the seed set (83 hand-labelled papers)', () => {
  it('title + abstract: micro-F1 >= 0.90 and "no topic" precision >= 0.95', () => {
    const r = evaluate(SEED, false);
    expect(r.papers).toBe(83);
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.noTopic.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('title only: micro-F1 >= 0.75 and precision of the badges given >= 0.95', () => {
    const r = evaluate(SEED, true);
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.75);
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.95);
  });

  // The 0.95 "no topic" target cannot be met from titles: 16 labelled papers have no bias cue in
  // their title at all (e.g. "Automatic Dataset Construction (ADC): …" -> data), so any honest
  // title-only classifier leaves them empty; the ceiling is 34/50 = 0.68. Guard the level we reach.
  it('title only: "no topic" precision stays at its ceiling (0.68; see the comment)', () => {
    expect(evaluate(SEED, true).noTopic.precision).toBeGreaterThanOrEqual(0.68);
  });
});

describe('eval on the extra held-out-style cases (composed, not from the seed)', () => {
  it('title + abstract: micro-F1 >= 0.90 and "no topic" precision >= 0.95', () => {
    const r = evaluate(EXTRA, false);
    expect(r.papers).toBeGreaterThanOrEqual(40);
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.noTopic.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('title only: micro-F1 >= 0.80', () => {
    expect(evaluate(EXTRA, true).micro.f1).toBeGreaterThanOrEqual(0.8);
  });
});

/**
 * Floors a little under today's scores on the development set (see the tests below): 0.799 and
 * 0.810, title only 0.577 and 0.831, with 3,249 papers (the 480 added in session 9 are harder than
 * the average: the scores were 0.808 / 0.816 with 2,769).
 */
const FLOOR = { f1: 0.795, noTopic: 0.8, titleF1: 0.57, titlePrecision: 0.82 };

describe('the development set (real arXiv papers; see tests/fixtures/topics/SOURCES.md)', () => {
  it('is well formed: an arXiv id each, once; a batch; valid labels; an abstract; none from the seed set', () => {
    const seedTitles = new Set(SEED.map((p) => p.title.toLowerCase()));
    const ids = new Set<string>();
    for (const p of DEV) {
      expect(p.batch, p.title).toMatch(/^[a-z][a-z0-9]?$/);
      expect(p.arxiv, p.title).toMatch(/^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/);
      expect(ids.has(p.arxiv as string), `${p.arxiv} twice`).toBe(false);
      ids.add(p.arxiv as string);
      for (const t of p.topics) expect(TOPIC_IDS).toContain(t);
      expect(new Set(p.topics).size).toBe(p.topics.length);
      expect(p.abstract?.length ?? 0, p.title).toBeGreaterThan(200);
      expect(seedTitles.has(p.title.toLowerCase()), p.title).toBe(false);
    }
    expect(DEV.length).toBeGreaterThanOrEqual(1000);
  });

  // A cue change that trades these papers away for a gain elsewhere shows up here. They were
  // tuned on: their scores are no estimate of the quality on papers nobody has looked at.
  it('title + abstract: micro-F1 and "no topic" precision stay at their level', () => {
    const r = evaluate(DEV, false);
    expect(r.micro.f1).toBeGreaterThanOrEqual(FLOOR.f1);
    expect(r.noTopic.precision).toBeGreaterThanOrEqual(FLOOR.noTopic);
  });

  it('title only: fewer badges, but the ones given stay right', () => {
    const r = evaluate(DEV, true);
    expect(r.micro.f1).toBeGreaterThanOrEqual(FLOOR.titleF1);
    expect(r.micro.precision).toBeGreaterThanOrEqual(FLOOR.titlePrecision);
  });
});

describe('the classifier as a content script has it', () => {
  it('classifies exactly as `classify` from the data the background sends, after JSON', () => {
    // Chrome's runtime messages are JSON: the cue table and the model arrive as copies.
    const json = JSON.stringify({ cues: CUE_TABLE, model: shippedTopicModelMessage() });
    const sent = JSON.parse(json) as { cues: CueTable; model: TopicModelMessage };
    const model = topicModelFromMessage(sent.model);
    expect(sent.cues).not.toBe(CUE_TABLE);
    // The compact form: a little over half of what the plain arrays took as JSON.
    const plain = shippedTopicModel();
    const arrays = (m: typeof plain) => [
      [...m.slots],
      [...m.rowOf],
      [...m.weights].map((w) => w / 100),
    ];
    const plainJson = JSON.stringify([arrays(plain), plain.title && arrays(plain.title)]);
    expect(json.length).toBeLessThan(0.55 * plainJson.length);
    // Every 5th development paper (2,000 or so), with the abstract and with the title alone.
    const papers = [...SEED, ...DEV.filter((_, i) => i % 5 === 0)];
    let badges = 0;
    for (const paper of papers) {
      for (const input of [paper, { title: paper.title }]) {
        const expected = classify(input, { model: shippedTopicModel() });
        expect(classifyWith(sent.cues, input, { model })).toEqual(expected);
        badges += expected.length;
      }
    }
    expect(badges).toBeGreaterThan(1000);
  });
});
