import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../lib/paper';
import { ANCHORS, classify } from '../../lib/topics/classify';
import { EXTRA, SEED, seedPaper } from '../fixtures/topics/fixtures';

const ids = (title: string, abstract?: string): TopicId[] =>
  classify({ title, abstract })
    .map((t) => t.id)
    .sort();

describe('classify: positive phrasings per topic (title only)', () => {
  it.each<[string, TopicId]>([
    ['Mitigating Gender Bias in LLMs', 'social'],
    ['Auditing Racial and Gender Stereotypes in Text-to-Image Models', 'social'],
    ['Fairness-Aware Graph Neural Networks', 'social'],
    ['Measuring Western-Centric Cultural Bias in Language Models', 'cultural'],
    ['Dialect Robustness for Low-Resource Languages', 'cultural'],
    ['Learning with Noisy Labels under Class Imbalance', 'data'],
    ['Spurious Correlations in Medical Imaging', 'data'],
    ['Long-Tailed Recognition with Balanced Experts', 'data'],
    ['On the Spectral Bias of Neural Networks', 'inductive'],
    ['The Simplicity Bias of SGD', 'inductive'],
    ['Position Bias in LLM-as-a-Judge Evaluations', 'evaluation'],
    ['Measuring Self-Preference of Language Model Judges', 'evaluation'],
    ['Sycophancy in Instruction-Tuned Models', 'cognitive'],
    ['Do LLMs Exhibit Cognitive Biases? Anchoring Effects in Estimation', 'cognitive'],
    ['Mitigating the Reversal Curse', 'cognitive'],
    ['Overcoming Language Priors in Visual Question Answering', 'modality'],
    ['Popularity Bias in Recommender Systems', 'ranking'],
    ['Unbiased Learning to Rank from Click Logs', 'ranking'],
    ['An Unbiased Gradient Estimator for Truncated Backpropagation', 'statistical'],
    ['Removing Clipping Bias in Private SGD', 'statistical'],
    ['Sharpness-Aware Minimization Has an Implicit Bias Toward Flat Minima', 'inductive'],
    ['Bias-Free Hiring with Language Models', 'social'],
    ['Auditing Credit Scoring Models for Bias', 'social'],
    // A length bias of a training objective is statistical; of a judge or reward model, evaluation.
    ['Mitigating Length Bias in Direct Preference Optimization', 'statistical'],
    ['Length Bias in Reward Models', 'evaluation'],
  ])('%s -> %s', (title, topic) => {
    expect(ids(title)).toContain(topic);
  });
});

describe('classify: positive phrasings per topic (with abstract)', () => {
  it.each<[string, string, TopicId]>([
    [
      'A Study of Occupations in Generated Text',
      'We find that language models reproduce gender stereotypes about occupations and propose a debiasing method that improves fairness across demographic groups.',
      'social',
    ],
    [
      'Evaluating Chat Assistants Worldwide',
      'Models are English-centric: answers in low-resource languages are worse, and cultural values of non-Western users are poorly reflected.',
      'cultural',
    ],
    [
      'Robust Training',
      'Classifiers learn spurious correlations from biased training data. We propose a reweighting that improves worst-group accuracy without bias labels.',
      'data',
    ],
    [
      'What Do Transformers Learn First?',
      'We study the inductive bias of transformers and show a simplicity bias toward low-sensitivity functions; this inductive bias explains length generalization.',
      'inductive',
    ],
    [
      'Judging Chatbots',
      'LLM judges show position bias and verbosity bias. We measure these judge biases on two benchmarks and propose a calibration.',
      'evaluation',
    ],
    [
      'Agreeable Models',
      'We study sycophancy: models change correct answers when the user disagrees. This cognitive bias grows with instruction tuning.',
      'cognitive',
    ],
    [
      'Seeing Is Believing?',
      'Vision-language models over-rely on language priors and ignore the visual input, producing hallucinations. We reduce this language bias with contrastive decoding.',
      'modality',
    ],
    [
      'Fair Exposure',
      'Recommender systems suffer from popularity bias and exposure bias; we propose a debiased ranking that improves exposure of long-tail items.',
      'ranking',
    ],
    [
      'Better Estimators',
      'Importance sampling gives an unbiased estimator with high variance. We analyse the bias-variance trade-off and propose a biased estimator with lower error.',
      'statistical',
    ],
  ])('%s -> %s', (title, abstract, topic) => {
    expect(ids(title, abstract)).toContain(topic);
  });
});

describe('classify: senses of "bias" that are no topic', () => {
  it.each<[string, string | undefined]>([
    ['Compressing Weights and Biases for Federated Learning', undefined],
    [
      'Do Transformers Need Bias Terms?',
      'We remove the bias vector and bias parameters from every layer.',
    ],
    [
      'A Low-Noise Bias Voltage Source',
      'We supply the forward bias and the bias current of the amplifier.',
    ],
    ['Exchange Bias in Thin Ferromagnetic Films', 'We measure exchange bias at low temperature.'],
    [
      'Bias Loss for Mobile Networks',
      'Our Bias Loss is biased toward data points with few unique features.',
    ],
    [
      'Learning Coin Flips in Context',
      'The model must say whether the coin is biased from the flips it sees.',
    ],
    [
      'A Fair Comparison of Graph Neural Networks',
      'We compare twelve models under equal tuning budgets.',
    ],
    [
      'Scaling Laws for Mixture-of-Experts',
      'The router uses a learnable bias term to balance load.',
    ],
    // Networks without additive bias terms.
    [
      'Robust and Interpretable Blind Image Denoising via Bias-Free Convolutional Neural Networks',
      undefined,
    ],
    // Finance: equity is a market, not fairness.
    ['Home Bias in International Equity Portfolios', undefined],
    // Cosmology's bias: how haloes and galaxies trace matter.
    ['Halo Bias in Cosmological Simulations', undefined],
    [
      'Assembly Bias of Dark Matter Haloes',
      'We measure the galaxy bias and its scale-dependent bias on large scales.',
    ],
  ])('%s', (title, abstract) => {
    expect(classify({ title, abstract })).toEqual([]);
  });

  it('gives no badge for a passing mention of bias', () => {
    const abstract =
      'We present a fast video diffusion model. Data may carry biases. Our token merging reduces sampling time by half on two benchmarks.';
    expect(classify({ title: 'Fast Video Diffusion', abstract })).toEqual([]);
  });

  it('treats "inductive bias" in the first sentence only as motivation', () => {
    const abstract =
      'Convolutions carry a useful inductive bias for images. We propose a token merging scheme for video transformers that halves sampling time. Experiments on two datasets confirm the speed-up.';
    expect(ids('Efficient Video Transformers', abstract)).toEqual([]);
  });

  it('treats a single "bias-variance trade-off" as a passing characterisation', () => {
    const abstract =
      'We propose a flow matching model for conformer generation. It is ten times faster than diffusion baselines. We only briefly discuss the bias-variance trade-off of the step size.';
    expect(ids('Flow Matching for Conformers', abstract)).toEqual([]);
  });

  it('still reads health equity as fairness', () => {
    expect(ids('Bias and Health Equity in Medical AI')).toEqual(['social']);
  });

  it('keeps the halo effect of human judgement a cognitive cue', () => {
    expect(ids('The Halo Effect in LLM Judgments of Essays')).toContain('cognitive');
  });

  it('does not read "fair use" as fairness', () => {
    expect(
      ids('Membership Inference for Books', 'Questions of copyright and fair use of text arise.'),
    ).toEqual([]);
  });
});

describe('classify: title-only input', () => {
  it('works with no abstract and with an empty or blank abstract', () => {
    for (const abstract of [undefined, '', '   ']) {
      expect(
        classify({ title: 'Mitigating Gender Bias in LLMs', abstract }).map((t) => t.id),
      ).toEqual(['social']);
    }
  });

  it('uses a stricter bar than with an abstract: a weak title cue alone gives no badge', () => {
    expect(ids('Dialects in the Wild')).toEqual([]);
    expect(
      ids(
        'Dialects in the Wild',
        'We study dialect gaps: dialectal speakers get worse accuracy across dialects.',
      ),
    ).toEqual(['cultural']);
  });

  it('gives no topic to titles without bias cues', () => {
    expect(ids('Scaling Laws for Sparse Mixture-of-Experts Language Models')).toEqual([]);
    expect(
      ids('FEDZIP: A Compression Framework for Communication-Efficient Federated Learning'),
    ).toEqual([]);
  });
});

describe('classify: output contract', () => {
  const all = [...SEED, ...EXTRA];

  it('evidence phrases are exact substrings of the title or abstract (all fixture papers)', () => {
    for (const p of all) {
      for (const input of [{ title: p.title, abstract: p.abstract }, { title: p.title }]) {
        for (const match of classify(input)) {
          expect(match.evidence.length).toBeGreaterThan(0);
          for (const phrase of match.evidence) {
            const inTitle = input.title.includes(phrase);
            const inAbstract = (input.abstract ?? '').includes(phrase);
            expect(inTitle || inAbstract, `${phrase} in ${p.title}`).toBe(true);
          }
        }
      }
    }
  });

  it('returns scores in [0, 1], sorted descending, each topic once', () => {
    for (const p of all) {
      const result = classify(p);
      const scores = result.map((t) => t.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const s of scores) expect(s >= 0.5 && s <= 1).toBe(true);
      expect(new Set(result.map((t) => t.id)).size).toBe(result.length);
    }
  });

  it('is deterministic (same input, same output, in any order of calls)', () => {
    const first = all.map((p) => classify(p));
    const reversed = [...all].reverse().map((p) => classify(p));
    expect(reversed.reverse()).toEqual(first);
    expect(all.map((p) => classify(p))).toEqual(first);
  });

  it('honours minScore, maxTopics and maxEvidence', () => {
    const p = seedPaper(16);
    expect(classify(p, { maxTopics: 1 })).toHaveLength(1);
    expect(classify(p, { minScore: 0.99 })).toEqual([]);
    expect(classify(p, { maxEvidence: 1 }).every((t) => t.evidence.length === 1)).toBe(true);
    expect(classify(p, { minScore: 0 }).length).toBeGreaterThanOrEqual(classify(p).length);
  });

  it('keeps offsets right when lowercasing changes the length (İ)', () => {
    const result = classify({ title: 'İstanbul: Gender Bias in Turkish LLMs' });
    expect(result[0]?.evidence).toContain('Gender Bias');
  });

  it('has no anchor that is a prefix of another (one scan finds them all)', () => {
    for (const a of ANCHORS) {
      for (const b of ANCHORS) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
    }
  });
});

/** The hard cases of shared/data/hard-cases.md, on the real seed texts (fixture copy). */
describe('classify: hard cases (hard-cases.md)', () => {
  const cases: [number, TopicId[], string][] = [
    [5, [], '"weights and biases" are model parameters'],
    [54, [], '"Bias Loss" is a loss name, "biased toward data points" is loose wording'],
    [11, [], '"whether the coin is biased" is a toy task'],
    [69, [], 'a brightness skew from a schedule mismatch is no taxonomy kind'],
    [46, [], '"inductive biases" only as motivation'],
    [66, ['inductive'], 'designs equivariance (a prior)'],
    [74, [], '"inductive bias" only in the first sentence'],
    [67, [], 'inductive bias is one listed advantage'],
    [78, [], '"structured inductive bias" is loose wording'],
    [35, ['inductive'], 'an inductive bias complexity measure'],
    [63, ['data'], 'refusal position bias lies in the tuning data'],
    [18, ['social'], 'LLM-as-a-Judge is only the scoring tool'],
    [1, ['data', 'modality'], 'text-image misalignment from training data bias'],
    [16, ['cultural', 'social'], 'caste bias, framed against Western-centric mitigation'],
    [37, ['social'], 'multilingual coverage is not a studied disparity'],
    [51, ['data'], 'corrects biases from pre-training and test data'],
    [75, ['data'], 'biases from limited training samples'],
    [10, ['data'], 'bias of cheap inaccurate labels'],
    [77, ['data'], 'label-skewed non-IID client data'],
    [8, ['social'], 'gender-bias mitigation is a main task'],
    [33, [], 'bias and toxicity analysis is a side section'],
    [40, ['social'], 'stereotype bias and fairness are core dimensions'],
    [80, ['social'], 'racial bias reduction is in the title'],
    [62, [], '"bias-variance tradeoffs" in passing'],
    [81, [], 'uses biased click data without debiasing it'],
    [30, [], 'a multilingual corpus, not a language-disparity study'],
  ];
  it.each(cases)('#%i -> %j (%s)', (n, expected) => {
    const p = seedPaper(n);
    expect(ids(p.title, p.abstract)).toEqual(expected);
  });

  // Known misses, kept visible: `it.fails` turns red once the classifier gets them right.
  it.fails('#68 -> [] ("3D inductive biases … fail to scale" is a side conclusion)', () => {
    const p = seedPaper(68);
    expect(ids(p.title, p.abstract)).toEqual([]);
  });
  it.fails('#52 -> [data, inductive] (inductive biases put into the training data)', () => {
    const p = seedPaper(52);
    expect(ids(p.title, p.abstract)).toEqual(['data', 'inductive']);
  });
  it.fails('#24 -> [] (moderators detecting biased content; their own bias is not studied)', () => {
    const p = seedPaper(24);
    expect(ids(p.title, p.abstract)).toEqual([]);
  });
});
