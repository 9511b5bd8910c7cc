import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPIC_IDS, type TopicId } from '../../lib/paper';
import { CANDIDATE_DEFS } from '../../lib/topics/candidates';
import { ANCHORS, CANDIDATE_SCORE, candidatePhrases, classify } from '../../lib/topics/classify';
import {
  abstractExamples,
  abstractOpening,
  namedTextFeatures,
  openingExample,
  trainingExample,
  trainShippedModel,
} from '../../lib/topics/learn';
import {
  compileTopicModel,
  featureKey,
  featureSums,
  learnedScore,
  type TopicModel,
  type TopicModelData,
  type TopicModelMessage,
  topicModelFromMessage,
  topicModelToMessage,
} from '../../lib/topics/learned';
import { shippedTopicModel, TOPIC_MODEL_DATA } from '../../lib/topics/shipped-model';
import { DEV, EXTRA, SEED, seedPaper } from '../fixtures/topics/fixtures';

// Vitest runs from the repository root.
const MODEL_FILE = resolve(process.cwd(), 'lib/topics/topic-model.json');

const TINY: TopicModelData = {
  promoteAt: 0.2,
  askFrom: 0.35,
  vetoBelow: 0.8,
  vetoAt: 0.05,
  topics: {
    social: { intercept: -2, cue: 1, weights: { gender: 1.5, stereotypes: 0.5, of: -0.25 } },
    data: { intercept: -1, cue: 2, weights: { gender: -0.5, imbalance: 2 } },
  },
};

describe('learned model: features', () => {
  it('reads words as runs of ASCII letters and digits, case folded, each once', () => {
    const model = compileTopicModel(TINY);
    const sums = featureSums(model, 'GENDER, gender-stereotypes of of imbalance');
    const at = (id: TopicId) => sums[TOPIC_IDS.indexOf(id)];
    // gender (once) + stereotypes + of (once); data: gender + imbalance.
    expect(at('social')).toBeCloseTo(1.5 + 0.5 - 0.25);
    expect(at('data')).toBeCloseTo(-0.5 + 2);
    expect(at('ranking')).toBe(0);
    // A word is not found inside a longer one, nor across non-ASCII letters.
    expect(featureSums(model, 'genders degender gendér')[TOPIC_IDS.indexOf('social')]).toBe(0);
  });

  it('finds in any text exactly the words the trainer names (namedTextFeatures)', () => {
    // The trainer names words with a regex, content scripts hash them as they read: the two
    // must agree, or the model would score words it was not trained on.
    const alphabet = fc.constantFrom(...'aZ9 -é_.\n\u212aİ'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const named = namedTextFeatures(text);
        const weights = Object.fromEntries([...named.values()].map((w, i) => [w, (i + 1) / 100]));
        const model = compileTopicModel({
          promoteAt: 0.2,
          askFrom: 0,
          vetoBelow: 0,
          vetoAt: 0,
          topics: { social: { intercept: 0, cue: 0, weights } },
        });
        const expected = Object.values(weights).reduce((a, b) => a + b, 0);
        expect(featureSums(model, text)[0]).toBeCloseTo(expected, 12);
        for (const [key, word] of named) expect(featureKey(word)).toBe(key);
      }),
    );
  });

  it('survives the trip to a content script (a JSON message) unchanged', () => {
    const model = shippedTopicModel();
    const message = JSON.parse(JSON.stringify(topicModelToMessage(model))) as TopicModelMessage;
    expect(topicModelFromMessage(message)).toEqual(model);
    // Its typed arrays would not: JSON makes objects of them.
    expect(JSON.parse(JSON.stringify(model)).weights).not.toBeInstanceOf(Int16Array);
  });

  it('refuses weights it cannot hold exactly: hundredths within ±327', () => {
    const withWeight = (weight: number) => () =>
      compileTopicModel({
        ...TINY,
        topics: { social: { intercept: 0, cue: 0, weights: { gender: weight } } },
      });
    for (const weight of [0.125, 1 / 3, 327.68, -400]) {
      expect(withWeight(weight)).toThrow(RangeError);
    }
    for (const weight of [0.29, -5.51, 327.67, -327.67]) {
      expect(withWeight(weight)).not.toThrow();
    }
  });
});

describe('learned model: scores', () => {
  it('puts the promotion probability at the bar (0.5) and is monotonic in the evidence', () => {
    const model = compileTopicModel(TINY);
    const social = TOPIC_IDS.indexOf('social');
    const sums = TOPIC_IDS.map(() => 0);
    // logit(0.2) = -ln 4: with intercept -2 and cue weight 1, a cue score of 2 - ln 4 is at p = 0.2.
    sums[social] = 0;
    expect(learnedScore(model, 'social', sums, 2 - Math.log(4))).toBeCloseTo(0.5, 12);
    expect(learnedScore(model, 'social', sums, 0.5)).toBeLessThan(0.5);
    sums[social] = 1.5;
    expect(learnedScore(model, 'social', sums, 0.5)).toBeGreaterThan(0.5);
  });

  it('neither promotes nor vetoes a topic the model does not cover', () => {
    const model = compileTopicModel(TINY);
    // TINY covers social and data only: no word weighs anything for ranking.
    const sums = featureSums(model, 'gender stereotypes and imbalance in popularity bias');
    expect(sums[TOPIC_IDS.indexOf('ranking')]).toBe(0);
    for (const cueScore of [0.36, 0.49, 0.5, 0.79]) {
      const score = learnedScore(model, 'ranking', sums, cueScore);
      expect(score).toBeLessThan(0.5);
      expect(score).toBeGreaterThanOrEqual(model.vetoUnder);
    }
  });

  it('refuses settings under which a promoted topic could be vetoed', () => {
    for (const [promoteAt, vetoAt] of [
      [0.2, 0.2],
      [0.2, 0.3],
      [0, 0],
      [1, 0.05],
      [0.2, -0.1],
    ] as const) {
      expect(() => compileTopicModel({ ...TINY, promoteAt, vetoAt })).toThrow(RangeError);
    }
  });
});

describe('classify with a model: the veto', () => {
  /** A model that finds the given topics very unlikely (p ≈ 2e-9) and every other one even odds. */
  const unlikely = (...topics: TopicId[]) =>
    compileTopicModel({
      ...TINY,
      topics: Object.fromEntries(
        TOPIC_IDS.map((id) => [
          id,
          { intercept: topics.includes(id) ? -20 : 0, cue: 0, weights: {} },
        ]),
      ),
    });
  const twoModest = {
    title: 'Robust Classifiers',
    abstract:
      'Classifiers learn spurious correlations from biased training data. We propose a reweighting that improves worst-group accuracy without bias labels. We also report fairness across demographic groups.',
  };
  const scores = (paper: { title: string; abstract?: string }, model?: TopicModel) =>
    Object.fromEntries(classify(paper, { model }).map((t) => [t.id, t.score]));

  it('drops a topic on modest evidence that the model finds very unlikely, when another stays', () => {
    const cues = scores(twoModest);
    // Both over the bar on modest evidence (under vetoBelow, 0.8).
    expect(cues.data).toBeGreaterThanOrEqual(0.5);
    expect(cues.data).toBeLessThan(0.8);
    expect(cues.social).toBeGreaterThanOrEqual(0.5);
    expect(cues.social).toBeLessThan(0.8);
    expect(scores(twoModest, unlikely('social'))).toEqual({ data: cues.data });
    expect(scores(twoModest, unlikely('data'))).toEqual({ social: cues.social });
    // The evidence of the topic that stays is untouched.
    expect(classify(twoModest, { model: unlikely('social') })).toEqual(
      classify(twoModest).filter((t) => t.id === 'data'),
    );
  });

  it('never leaves a paper with no topic, never vetoes on a title alone or strong evidence', () => {
    const cues = scores(twoModest);
    // Every topic unlikely: the paper keeps them all rather than none.
    expect(scores(twoModest, unlikely('social', 'data'))).toEqual(cues);
    // A lone topic stays.
    const lone = {
      title: 'Robust Classifiers',
      abstract: 'Our classifiers are audited for gender bias across demographic groups.',
    };
    expect(Object.keys(scores(lone))).toEqual(['social']);
    expect(scores(lone).social).toBeLessThan(0.8);
    expect(scores(lone, unlikely('social'))).toEqual(scores(lone));
    // A title alone: nothing is vetoed, by the model or by its part for titles.
    const title = { title: 'Spurious Correlations and Gender Stereotypes in Classifiers' };
    expect(Object.keys(scores(title)).sort()).toEqual(['data', 'social']);
    expect(scores(title).social).toBeLessThan(0.8);
    expect(scores(title, unlikely('social'))).toEqual(scores(title));
    const withTitlePart: TopicModel = { ...unlikely('social'), title: unlikely('social') };
    expect(scores(title, withTitlePart)).toEqual(scores(title));
    // Strong evidence (a cue score from 0.8) is not vetoed.
    const strong = {
      title: 'Gender Bias in Hiring Models',
      abstract: `${twoModest.abstract} We measure gender bias and racial bias in hiring.`,
    };
    expect(scores(strong).social).toBeGreaterThanOrEqual(0.8);
    expect(scores(strong, unlikely('social')).social).toBe(scores(strong).social);
  });
});

describe('classify with a model: a title alone', () => {
  /** A model whose every topic is likely (p ≈ 1), or only its part for titles. */
  const likely = compileTopicModel({
    ...TINY,
    topics: Object.fromEntries(TOPIC_IDS.map((id) => [id, { intercept: 20, cue: 0, weights: {} }])),
  });
  const abstractOnly: TopicModel = { ...likely, title: undefined };
  const titleOnly: TopicModel = {
    ...compileTopicModel({ ...TINY, topics: {} }),
    title: likely,
  };
  // A bare "unbiased" in a title is evidence for data, under the bar for a title alone.
  const weakTitle = { title: 'An Unbiased Teacher for Semi-Supervised Segmentation' };

  it('promotes a topic with evidence under the bar only with the part trained on titles', () => {
    const under = classify(weakTitle, { minScore: 0.001 });
    const data = under.find((t) => t.id === 'data');
    expect(data?.score).toBeLessThan(0.5);
    expect(data?.score).toBeGreaterThanOrEqual(0.35);
    expect(classify(weakTitle)).toEqual([]);
    expect(classify(weakTitle, { model: abstractOnly })).toEqual([]);
    const promoted = classify(weakTitle, { model: titleOnly });
    expect(promoted.map((t) => t.id)).toEqual(['data']);
    expect(promoted[0]?.evidence).toEqual(data?.evidence);
    // Topics with no evidence stay out, however likely the model finds them.
    expect(classify({ title: 'Image Classifiers' }, { model: titleOnly })).toEqual([]);
  });

  it('uses the part for titles only when there is no abstract', () => {
    // Evidence for data under the bar with the abstract: the part for abstracts (which covers no
    // topic here) is the one asked, and it promotes nothing.
    const paper = {
      title: 'Robust Classifiers',
      abstract:
        'We propose a new loss. Classifiers trained with it are less reliant on spurious correlations.',
    };
    const data = classify(paper, { minScore: 0.001 }).find((t) => t.id === 'data');
    expect(data?.score).toBeLessThan(0.5);
    expect(data?.score).toBeGreaterThanOrEqual(0.35);
    expect(classify(paper, { model: titleOnly })).toEqual([]);
  });
});

describe('classify with the shipped model', () => {
  const model = shippedTopicModel();

  it('promotes a topic whose evidence is under the bar (a real paper)', () => {
    // ForAug (seed #52) motivates its method by the inductive biases of CNNs and ViTs in more
    // than one line: labelled inductive, which the cues alone score under the bar.
    const paper = seedPaper(52);
    expect(paper.topics).toContain('inductive');
    expect(classify(paper).map((t) => t.id)).not.toContain('inductive');
    const cue = classify(paper, { minScore: 0.01 }).find((t) => t.id === 'inductive');
    expect(cue?.score).toBeGreaterThanOrEqual(TOPIC_MODEL_DATA.askFrom);
    const promoted = classify(paper, { model }).find((t) => t.id === 'inductive');
    expect(promoted?.score).toBeGreaterThanOrEqual(0.5);
    expect(promoted?.evidence).toEqual(cue?.evidence);
  });

  it('adds only topics with evidence, drops only modest ones while one stays, never on a title', () => {
    let promotedCount = 0;
    let vetoedCount = 0;
    let titlePromotedCount = 0;
    let candidateCount = 0;
    for (const paper of [...SEED, ...DEV, ...EXTRA]) {
      const text = `${paper.title}\n${paper.abstract ?? ''}`;
      const cues = classify(paper);
      const withModel = classify(paper, { model });
      const cueIds = cues.map((t) => t.id);
      const modelIds = withModel.map((t) => t.id);
      // Topics both give are the same matches (score and evidence).
      expect(withModel.filter((t) => cueIds.includes(t.id))).toEqual(
        cues.filter((t) => modelIds.includes(t.id)),
      );
      const under = classify(paper, { minScore: 0.001 });
      const named = candidatePhrases(model.candidates ?? [], paper.title, paper.abstract ?? '');
      for (const topic of withModel.filter((t) => !cueIds.includes(t.id))) {
        promotedCount++;
        const cueScore = under.find((t) => t.id === topic.id)?.score ?? 0;
        if (cueScore === 0) {
          // No cue evidence at all: a candidate phrase named it, and the model was sure enough.
          candidateCount++;
          expect(topic.inferred).toBe(true);
          expect(topic.evidence).toEqual(named.get(topic.id));
          // The bar of the part asked: the one for titles when the paper has no abstract.
          const asked = paper.abstract?.trim() ? model : model.title;
          expect(topic.score).toBeGreaterThanOrEqual(asked?.candidateBar ?? 1);
        } else {
          expect(cueScore).toBeGreaterThanOrEqual(TOPIC_MODEL_DATA.askFrom);
          expect(topic).not.toHaveProperty('inferred');
        }
        expect(topic.evidence.length).toBeGreaterThan(0);
        for (const phrase of topic.evidence) expect(text).toContain(phrase);
      }
      for (const topic of cues.filter((t) => !modelIds.includes(t.id))) {
        vetoedCount++;
        expect(topic.score).toBeLessThan(TOPIC_MODEL_DATA.vetoBelow);
        // Two or more over the bar before the veto: the cues' and those the model promoted.
        const promoted = withModel.filter((t) => !cueIds.includes(t.id));
        expect(cues.length + promoted.length).toBeGreaterThan(1);
        expect(withModel.length).toBeGreaterThan(0);
      }
      // A lower minScore only adds topics under the bar; the ones over it stay the same.
      const low = classify(paper, { model, minScore: 0.001 });
      expect(low.filter((t) => t.score >= 0.5)).toEqual(withModel);
      // A title alone: its part for titles only adds topics with evidence in the title.
      const title = { title: paper.title };
      const titleCues = classify(title);
      const titleWithModel = classify(title, { model });
      expect(titleWithModel.filter((t) => titleCues.some((c) => c.id === t.id))).toEqual(titleCues);
      const titleUnder = classify(title, { minScore: 0.001 });
      for (const topic of titleWithModel.filter((t) => !titleCues.some((c) => c.id === t.id))) {
        titlePromotedCount++;
        const cueScore = titleUnder.find((t) => t.id === topic.id)?.score ?? 0;
        if (cueScore === 0) {
          expect(topic.evidence).toEqual(
            candidatePhrases(model.candidates ?? [], paper.title).get(topic.id),
          );
          // The bar of the part for titles, which is its own.
          expect(topic.score).toBeGreaterThanOrEqual(model.title?.candidateBar ?? 1);
        } else expect(cueScore).toBeGreaterThanOrEqual(TOPIC_MODEL_DATA.askFrom);
        expect(topic.evidence.length).toBeGreaterThan(0);
        for (const phrase of topic.evidence) expect(paper.title).toContain(phrase);
      }
    }
    // The model is not idle on these papers, mostly the ones it was trained on (603 promotions,
    // candidates included, none wrong, and 181 vetoes, none wrong, with session 13's model of
    // 4,408 papers; on titles alone, 490 promotions, 11 wrong).
    expect(promotedCount).toBeGreaterThan(10);
    expect(vetoedCount).toBeGreaterThan(10);
    expect(titlePromotedCount).toBeGreaterThan(10);
    expect(candidateCount).toBeGreaterThan(10);
    // Classifies every labelled paper seven ways: 4 s for 8,620 papers on an idle machine, over
    // vitest's default of 5 s on a loaded one.
  }, 60_000);
});

describe('training on the openings of abstracts', () => {
  const paper = {
    title: 'A Study',
    abstract: 'We study X, e.g. in LLMs 3.5 times. Is it biased? Yes! We find more. It is.',
    topics: ['social'] as TopicId[],
  };

  it('cuts an abstract to its first two sentences, at a stop before a capital', () => {
    const opening = openingExample(paper);
    expect(opening?.topics).toEqual(['social']);
    expect(abstractOpening(`  ${paper.abstract}\n`)).toBe(
      'We study X, e.g. in LLMs 3.5 times. Is it biased?',
    );
    // The words of the title and of the opening only.
    expect(opening && [...opening.features.values()].sort()).toEqual(
      [
        '3',
        '5',
        'a',
        'biased',
        'e',
        'g',
        'in',
        'is',
        'it',
        'llms',
        'study',
        'times',
        'we',
        'x',
      ].sort(),
    );
    expect(abstractExamples(paper)).toEqual([trainingExample(paper), opening]);
  });

  it('cuts where the classifier ends a sentence: before a bracket or a quote too', () => {
    expect(abstractOpening('We ask why. "Bias" is common. (More) follows.')).toBe(
      'We ask why. "Bias" is common.',
    );
    // Nothing after the second sentence but spaces: the opening would be the whole abstract.
    expect(abstractOpening('We ask why. It matters.   ')).toBeUndefined();
    expect(abstractOpening('We ask why. It matters. Third.')).toBe('We ask why. It matters.');
  });

  it('adds no copy of a paper that is its own opening, and no paper without an abstract', () => {
    for (const abstract of ['One sentence.', 'One. Two!', '  One. Two.  ', 'Lower. case. only.']) {
      const short = { ...paper, abstract };
      expect(openingExample(short)).toBeUndefined();
      expect(abstractExamples(short)).toEqual([trainingExample(short)]);
    }
    // classify asks the model for titles about these: the model for abstracts never sees them.
    for (const abstract of [undefined, '', '   ']) {
      expect(openingExample({ ...paper, abstract })).toBeUndefined();
      expect(abstractExamples({ ...paper, abstract })).toEqual([]);
    }
  });

  it('keeps a short abstract from showing topics only a candidate names, unlabelled', () => {
    // The papers it was trained on, openings included. Trained on whole abstracts alone, the
    // model showed 80 such topics on them cut to two sentences, against 407 labelled ones. Held
    // out (eight groups of batches, each model trained on the rest): 34 wrong against 35 right
    // then, 14 against 26 now.
    const model = shippedTopicModel();
    let right = 0;
    let wrong = 0;
    for (const paper of DEV) {
      const opening = abstractOpening(paper.abstract);
      if (opening === undefined) continue;
      const short = { title: paper.title, abstract: opening };
      const cues = classify(short, { minScore: 0.001 }).map((t) => t.id);
      for (const topic of classify(short, { model })) {
        if (cues.includes(topic.id)) continue;
        if (paper.topics.includes(topic.id)) right++;
        else wrong++;
      }
    }
    expect(right).toBeGreaterThan(100);
    expect(wrong).toBeLessThanOrEqual(right / 50);
  });
});

describe('the shipped model file', () => {
  it('is what `npm run train:topics` builds from the labelled papers in the repository', () => {
    const built = `${JSON.stringify(trainShippedModel([...SEED, ...DEV]))}\n`;
    const file = readFileSync(MODEL_FILE, 'utf8');
    expect(built === file, 'lib/topics/topic-model.json is stale: run `npm run train:topics`').toBe(
      true,
    );
    // Training on about 5,000 papers takes 4 s alone, and longer beside the other test files.
  }, 60_000);

  it('is small and covers every topic', () => {
    const bytes = readFileSync(MODEL_FILE).length;
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(Object.keys(TOPIC_MODEL_DATA.topics).sort()).toEqual([...TOPIC_IDS].sort());
    expect(Object.keys(TOPIC_MODEL_DATA.titleTopics ?? {}).sort()).toEqual([...TOPIC_IDS].sort());
  });
});

describe('candidate phrases (lib/topics/candidates.ts)', () => {
  const model = shippedTopicModel();
  // A paper on the reliability of LLM judges that never says "bias": evaluation, by the taxonomy.
  const judges = {
    title: 'How Reliable Are LLM Judges? Agreement with Human Raters Across Ten Benchmarks',
    abstract:
      'LLM judges are widely used to evaluate open-ended generation. We measure how often LLM judges agree with human annotators, and find that their verdicts shift with the order and length of the answers, so leaderboards built on them can mislead.',
  };

  it('never give a badge without the model, and ship inside it, not in the content script', () => {
    expect(classify(judges).map((t) => t.id)).not.toContain('evaluation');
    expect(TOPIC_MODEL_DATA.candidates).toEqual(CANDIDATE_DEFS);
    const script = readFileSync(resolve(__dirname, '../../lib/topics/classify.ts'), 'utf8');
    expect(script).not.toMatch(/from '\.\/candidates'/);
  });

  it('let the model add a topic the cues found no evidence for, with the phrases as evidence', () => {
    expect(classify(judges, { minScore: 0.001 }).map((t) => t.id)).not.toContain('evaluation');
    const evaluation = classify(judges, { model }).find((t) => t.id === 'evaluation');
    expect(evaluation?.score).toBeGreaterThanOrEqual(model.candidateBar);
    expect(evaluation?.evidence).toEqual(['Judges', 'judges', 'leaderboards']);
    expect(evaluation?.inferred).toBe(true);
  });

  // Models trained on session 15's papers put this paper at p ≈ 0.90, under the bar of 0.95 for
  // abstracts; session 18's, on 7,656 papers, at 0.953. Its one phrase, "judge", is what keeps it
  // off now (the next test).
  it('add nothing where the model is not sure: a plain paper that uses a judge, a corpus', () => {
    const plain = {
      title: 'Faster Speculative Decoding with Draft Trees',
      abstract:
        'We propose draft trees for speculative decoding. On three benchmarks, our method is 2.1 times faster, and an LLM judge finds no loss in answer quality.',
    };
    expect(
      candidatePhrases(model.candidates ?? [], plain.title, plain.abstract).get('evaluation'),
    ).toEqual(['judge']);
    expect(classify(plain, { model })).toEqual([]);
  });

  it('are found case-insensitively, at word starts, each phrase once, at most three per topic', () => {
    const found = candidatePhrases(
      model.candidates ?? [],
      'Multilingual and Cross-Lingual Tokenizers',
      'multilingual models; tokenization; low-resource languages; prejudged',
    );
    expect(found.get('cultural')).toEqual(['Multilingual', 'Cross-Lingual', 'Tokenizers']);
    expect(found.has('evaluation')).toBe(false);
  });

  it('share one scan with the cues where a word is both a cue anchor and a candidate', () => {
    expect(ANCHORS).toContain('racial');
    // A model sure of social bias whenever it is asked, whose one candidate is that word.
    const sure = compileTopicModel({
      ...TOPIC_MODEL_DATA,
      topics: { social: { intercept: 5, cue: 0, weights: {} } },
      titleTopics: undefined,
      candidates: [{ topic: 'social', anchors: ['racial'], pre: '\\b', post: '\\w*' }],
    });
    // No cue fires: the candidate's phrases are the evidence.
    const census = {
      title: 'Racial Categories in Census Records',
      abstract: 'We study racial categories in censuses.',
    };
    expect(classify(census).map((t) => t.id)).not.toContain('social');
    expect(classify(census, { model: sure }).find((t) => t.id === 'social')?.evidence).toEqual([
      'Racial',
      'racial',
    ]);
    // The cue on the same word still fires, and its evidence wins.
    const cohorts = {
      title: 'Racially Diverse Cohorts',
      abstract: 'We recruit racially diverse cohorts.',
    };
    expect(classify(cohorts, { model: sure }).find((t) => t.id === 'social')?.evidence).toEqual([
      'Racially Diverse',
      'racially diverse',
    ]);
  });

  it('need two different phrases with an abstract, one with a title alone', () => {
    // A model sure of evaluation bias whenever it is asked, for abstracts and titles alike.
    const evaluation = { evaluation: { intercept: 5, cue: 0, weights: {} } };
    const sure = compileTopicModel({
      ...TOPIC_MODEL_DATA,
      topics: evaluation,
      titleTopics: evaluation,
    });
    const inferred = (input: { title: string; abstract?: string }) =>
      classify(input, { model: sure }).find((t) => t.id === 'evaluation' && t.inferred)?.evidence;
    const decoding = 'Faster Speculative Decoding with Draft Trees';
    const once = 'We propose draft trees. An LLM judge finds no loss in answer quality.';
    expect(inferred({ title: decoding, abstract: once })).toBeUndefined();
    // The same word again is still one phrase; a second wording makes two.
    expect(inferred({ title: decoding, abstract: `${once} The judge agrees.` })).toBeUndefined();
    expect(inferred({ title: decoding, abstract: `${once} Two judges agree.` })).toEqual([
      'judge',
      'judges',
    ]);
    expect(inferred({ title: 'When LLM Judges Disagree', abstract: once })).toEqual([
      'Judges',
      'judge',
    ]);
    // A title alone keeps its one phrase.
    expect(inferred({ title: 'When LLM Judges Disagree' })).toEqual(['Judges']);
  });

  it('want the word before "order" for an order effect, not a bare "order"', () => {
    const found = candidatePhrases(
      model.candidates ?? [],
      'Prompt Order Effects in LLMs',
      'In order to test word order, we vary the option order and find order sensitivity.',
    );
    expect(found.get('cognitive')).toEqual([
      'Prompt Order Effects',
      'option order',
      'order sensitivity',
    ]);
  });

  it('have a bar of their own for a title alone, checked like the bar for abstracts', () => {
    // The model puts evaluation at p = 0.875 wherever a candidate names it: between the bars.
    const evaluationAt = {
      topics: { evaluation: { intercept: Math.log(0.875 / 0.125), cue: 0, weights: {} } },
    };
    const data: TopicModelData = {
      ...TINY,
      ...evaluationAt,
      titleTopics: evaluationAt.topics,
      candidates: CANDIDATE_DEFS,
      candidatePromoteAt: 0.9,
      titleCandidatePromoteAt: 0.85,
    };
    const twoBars = compileTopicModel(data);
    expect(twoBars.candidateBar).toBeCloseTo(0.9 / 1.1, 12);
    expect(twoBars.title?.candidateBar).toBeCloseTo(0.85 / 1.05, 12);
    const title = 'Leaderboards Mislead';
    const withAbstract = { title, abstract: 'We rank LLMs on two leaderboards.' };
    expect(classify({ title }, { model: twoBars }).map((t) => t.id)).toEqual(['evaluation']);
    expect(classify(withAbstract, { model: twoBars })).toEqual([]);
    // The abstract's own bar is what held it back there.
    const lowBar = compileTopicModel({ ...data, candidatePromoteAt: 0.85 });
    expect(classify(withAbstract, { model: lowBar }).map((t) => t.id)).toEqual(['evaluation']);
    // Without a bar of its own, the part for titles takes the bar for abstracts.
    const oneBar = compileTopicModel({ ...data, titleCandidatePromoteAt: undefined });
    expect(oneBar.title?.candidateBar).toBe(oneBar.candidateBar);
    expect(classify({ title }, { model: oneBar })).toEqual([]);
    for (const titleCandidatePromoteAt of [0.1, 1]) {
      expect(() => compileTopicModel({ ...data, titleCandidatePromoteAt })).toThrow(RangeError);
      // Checked even where the model has no part for titles to use it.
      expect(() =>
        compileTopicModel({ ...data, titleTopics: undefined, titleCandidatePromoteAt }),
      ).toThrow('titleCandidatePromoteAt');
    }
  });

  it('score a candidate-only topic at CANDIDATE_SCORE for training, under the bar', () => {
    expect(CANDIDATE_SCORE).toBeGreaterThanOrEqual(TOPIC_MODEL_DATA.askFrom);
    expect(CANDIDATE_SCORE).toBeLessThan(0.5);
    expect(TOPIC_MODEL_DATA.candidatePromoteAt).toBeGreaterThan(TOPIC_MODEL_DATA.promoteAt);
    expect(TOPIC_MODEL_DATA.titleCandidatePromoteAt).toBeGreaterThan(TOPIC_MODEL_DATA.promoteAt);
    expect(TOPIC_MODEL_DATA.titleCandidatePromoteAt).toBeLessThan(1);
  });
});
