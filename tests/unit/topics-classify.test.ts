import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../lib/paper';
import { ANCHORS, classify } from '../../lib/topics/classify';
import { shippedTopicModel } from '../../lib/topics/shipped-model';
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
    // Human judges: peer review and referees are evaluation, like LLM judges.
    ["Reviewers' Bias Against Resubmissions in Conference Peer Review", 'evaluation'],
    ['The Gender Gap in Physics Citations', 'social'],
    ['Performance Disparities Between Accents in Speech Recognition', 'cultural'],
    ['Detecting Publication Bias in Meta-Analyses', 'statistical'],
    ['Your Group-Relative Advantage Is Biased', 'statistical'],
    ['Cultural Value Alignment of Chat Models', 'cultural'],
    ['Large Language Models Are Not Fair Evaluators', 'evaluation'],
    ['Large Language Models are Inconsistent and Biased Evaluators', 'evaluation'],
    ['Are Unbiased LLM Judges Possible?', 'evaluation'],
    ['LLM Evaluators Favor Their Own Generations', 'evaluation'],
    ['Debiasing Automatic Evaluators with Length Control', 'evaluation'],
    ['Bias Mitigation Strategies in LLM-as-a-Judge Pipelines', 'evaluation'],
    // Bias of language models, named no more precisely, is most often social bias.
    ['A Survey of Bias in Large Language Models', 'social'],
    ['A Bias Correction Model for Weather Forecasts', 'statistical'],
    ['Length-Unbiased Policy Optimization for Reasoning Models', 'statistical'],
    ['Group-Robust Classification without Group Labels', 'data'],
    ['Text Dominance in Multimodal Large Language Models', 'modality'],
    ['Language Model Tokenizers Introduce Unfairness Between Languages', 'cultural'],
    ['Bias in LLM-Based Recommendations', 'ranking'],
    ['LLMs for Estimating Positional Bias in Logged Interaction Data', 'ranking'],
    [
      'A Benchmark of Language Hallucination and Visual Illusion in Vision-Language Models',
      'modality',
    ],
    ['Linguistic Preference of Multilingual LLMs in Retrieval-Augmented Generation', 'cultural'],
    ['Cognitive Debiasing of Large Language Models for Decision-Making', 'cognitive'],
    // Imbalanced multimodal learning: one modality dominates training.
    ['Balanced Multimodal Learning via Gradient Modulation', 'modality'],
    ['Rethinking Unbalanced Multimodal Learning for Audio-Visual Recognition', 'modality'],
    ['Quantifying Multimodal Imbalance in Sentiment Analysis', 'modality'],
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
    // Evaluation flaws that never say "bias": lenient judges, a metric that can be gamed.
    [
      'When Model Judges Are Too Kind',
      'We use language models as judges of answer relevance. Across backbones, the judges assign inflated relevance scores to passages that do not answer the question, and the inflation grows with passage length.',
      'evaluation',
    ],
    [
      'Who Wrote It?',
      'Human participants and model evaluators rated literary passages labelled as human- or AI-written. We measure an attribution bias across evaluators: identical passages score lower when labelled as AI-written.',
      'evaluation',
    ],
  ])('%s -> %s', (title, abstract, topic) => {
    expect(ids(title, abstract)).toContain(topic);
  });

  it('takes the biases of estimators in applied statistics for statistical', () => {
    expect(
      ids(
        'Attenuation Bias with Latent Predictors',
        'Regressing an outcome on an estimated latent trait understates its effect. We derive the attenuation bias of the least-squares slope and a corrected estimator with valid standard errors.',
      ),
    ).toEqual(['statistical']);
    expect(ids('Double/Debiased Machine Learning for Treatment and Structural Parameters')).toEqual(
      ['statistical'],
    );
    expect(
      ids(
        'Weighting Survey Respondents',
        'Households that answer surveys differ from those that do not. We reduce nonresponse bias in income estimates with calibrated weights.',
      ),
    ).toEqual(['statistical']);
  });

  it('takes fairness across languages, dialects and places for cultural, not social', () => {
    expect(ids('Improving the Multilingual Fairness of Language Models')).toEqual(['cultural']);
    expect(
      ids(
        'Dialectal Fairness in Question Answering',
        'Question answering models trained on standard English lose accuracy on other English dialects. We measure the dialectal fairness gap across eight dialects and close half of it.',
      ),
    ).toEqual(['cultural']);
    expect(ids('Evaluating Geopolitical Biases in Language Models')).toEqual(['cultural']);
    // Fairness toward groups of people stays social.
    expect(ids('Fairness-Aware Graph Neural Networks')).toEqual(['social']);
  });

  it('takes inflated scores for an evaluation bias only where judges or evaluators give them', () => {
    // In the title, where the cue alone would pass the bar without its gate.
    expect(
      ids(
        'Forbearance Inflated Credit Scores During the Pandemic',
        'Forbearance programmes raised the credit scores of borrowers in 2020. We estimate the size of the rise from bureau records and its effect on later defaults.',
      ),
    ).not.toContain('evaluation');
    expect(
      ids(
        'LLM Judges Inflate Scores of Long Answers',
        'We ask language models to act as judges of answer quality.',
      ),
    ).toContain('evaluation');
  });

  it('takes benchmark, test-set and data contamination for evaluation, not outliers of estimators', () => {
    expect(
      ids(
        'Benchmark Contamination Detection',
        'Test sets leak into pretraining corpora, and contamination inflates benchmark scores. We detect leaked examples with a membership test and report cleaned scores.',
      ),
    ).toContain('evaluation');
    expect(ids('Quantifying Test Set Contamination in Code Generation')).toContain('evaluation');
    expect(
      ids(
        'Detecting Data Contamination in Large Language Models',
        'Benchmarks leak into pretraining data. We detect data contamination from the likelihoods a model gives to benchmark items, and show that contaminated models score higher.',
      ),
    ).toContain('evaluation');
    // Contamination models of robust statistics: outliers among the samples, no evaluation.
    for (const robust of [
      {
        title: 'Robust Mean Estimation under Huber Contamination',
        abstract:
          'An epsilon fraction of the samples is contaminated by an adversary. We give an estimator of the mean whose error is optimal in epsilon, and a matching lower bound for contaminated distributions.',
      },
      {
        title: 'Robust Regression under Data Contamination',
        abstract:
          'An adversary corrupts a fraction of the responses. Our estimator attains the minimax rate under this model of data contamination, and its variance matches the lower bound.',
      },
    ]) {
      expect(ids(robust.title, robust.abstract)).not.toContain('evaluation');
      expect(classify(robust, { model: shippedTopicModel() }).map((t) => t.id)).not.toContain(
        'evaluation',
      );
    }
  });
});

describe('classify: which topic a named bias belongs to', () => {
  it.each<[string, string | undefined, TopicId[]]>([
    // Networks learn low frequencies first: an inductive bias; word frequency bias is data.
    ['The Frequency Bias of Neural Networks During Training', undefined, ['inductive']],
    [
      'Sentence Embeddings',
      'Contrastive sentence encoders map many sentences close together. We show that word frequency bias in the training data causes this, and we propose an objective that removes the word frequency bias.',
      ['data'],
    ],
    // A class bias corrected is a data bias, not an estimator's bias correction.
    ['Class Bias Correction for Imbalanced Semi-Supervised Learning', undefined, ['data']],
    [
      'Calibrating Shear Measurements',
      'Weak lensing needs precise galaxy shapes. We show that pixel noise causes a bias on the shear estimates of maximum-likelihood estimators, and we calibrate this noise bias with simulations.',
      ['statistical'],
    ],
    // A reward model's length bias is evaluation, even in an RLHF paper.
    [
      'Fitting the Length Bias of Reward Models in RLHF',
      'Reward models used in RLHF favour longer answers whatever their quality. We model this length bias and debias the reward model.',
      ['evaluation'],
    ],
    [
      'Stress-Testing Reward Models',
      'Reward models guide RLHF. We introduce a benchmark that tests reward models on subtle content changes and on their resistance to style bias. Even the best reward models fall below chance under style bias.',
      ['evaluation'],
    ],
    [
      'Gender Imbalance in Reference Lists',
      'We measure the gender imbalance of citations in five journals: papers by women are cited less than expected.',
      ['social'],
    ],
    // A bias named only in a sentence about earlier work is background, not the subject.
    [
      'Anchoring in Language Models',
      'Language models are used for decisions. While much research has explored demographic biases in LLMs, cognitive biases have been studied less. We measure anchoring bias, a cognitive bias, and test mitigation strategies.',
      ['cognitive'],
    ],
    // A reward model's length bias, in an abstract about RL: the evaluation context decides.
    [
      'Disentangled Reward Mitigates Hacking in RLHF',
      'Policies trained with RLHF learn to write long, verbose answers that reward models score highly. We study this reward hacking on response length and the tricks used in RL for mitigating length bias. We then train the reward model with two heads, one correlated with length and one decorrelated from it, and discard the length head in RL.',
      ['evaluation'],
    ],
    // One phrase, one topic: the heavier cue (here the gated cognitive one) takes "selection bias".
    [
      'Multiple Choice Selection Bias',
      'Multiple choice questions test LLMs. We show that models have a selection bias: they prefer certain option IDs such as A, whatever the content. We propose a method that removes the selection bias from the answer options and keeps accuracy on the training data.',
      ['cognitive'],
    ],
    [
      'Mitigating Object Hallucinations in Vision-Language Models',
      'Vision-language models describe objects that are not in the image. We contrast outputs for the original and a distorted image, which reduces the over-reliance on statistical bias and unimodal priors that causes object hallucination.',
      ['modality'],
    ],
    [
      'On the Implicit Bias in Deep-Learning Algorithms',
      'Gradient-based deep-learning algorithms generalize despite having more parameters than training examples. Implicit bias is believed to be a key factor; we survey the main results on implicit bias.',
      ['inductive'],
    ],
    // Position in a long prompt (lost in the middle) is cognitive, even next to "retrieval".
    [
      'Mitigating Position Bias in Long-Context Language Models',
      'Long-context language models use information at the start and the end of their context window better than information in the middle. We trace this position bias to a single hidden-state channel and scale it down, which improves retrieval of facts placed in the middle of the context.',
      ['cognitive'],
    ],
    // "Position bias" is gated by context in three topics; the stronger context takes it.
    [
      'Position Bias of LLM Evaluators',
      'We uncover a positional bias of LLM evaluators: the quality ranking of candidate responses changes when their order in the prompt is swapped. We propose a calibration that makes the evaluator agree better with human judges.',
      ['evaluation'],
    ],
    // A recommender's feedback loop is a ranking bias; a feedback loop elsewhere is not.
    [
      'Systemic Effects of Feedback Loops in Recommender Systems',
      'Recommender systems interact with their users over time. We simulate the feedback loop between recommendations and clicks and show that it makes users more alike and narrows what they see.',
      ['ranking'],
    ],
    [
      'Feedback Loops in Interactive Theorem Proving',
      'An agent proposes a lemma, receives feedback from the proof checker and revises it. We study how many rounds of this feedback loop a language model needs to close a proof.',
      [],
    ],
    // Popular items against the long tail is a recommender's popularity bias, not a data bias.
    [
      'Rebalancing Exposure in Collaborative Filtering',
      'Recommender systems trained on implicit feedback over-recommend popular items, so long-tail items are rarely shown. We study this popularity bias and propose a re-ranking that lifts long-tail items while keeping accuracy on imbalanced data.',
      ['ranking'],
    ],
    [
      'Counting What Is There',
      'Vision-language models often hallucinate by favoring the textual prompt over the visual evidence: asked to describe five apples when four are shown, they describe five. We locate attention heads that copy the prompt and show that ablating them reduces prompt-induced hallucinations.',
      ['modality'],
    ],
    // Fairness in recommendation or ranking is a ranking bias; it is also social only with its
    // own evidence about people.
    ['Producer Fairness in Sequential Bundle Recommendation', undefined, ['ranking']],
    ['Policy Learning for Fairness in Ranking', undefined, ['ranking']],
    ['Fair Online Learning to Rank', undefined, ['ranking']],
    ['Fairness-Driven Recommendation in Two-Sided Markets', undefined, ['ranking']],
    [
      'User-Oriented Fairness in Recommendation',
      'Recommender systems serve active users better than inactive ones. We re-rank recommendations under a fairness constraint so that both groups of users get recommendations of similar quality.',
      ['ranking'],
    ],
    [
      'Fair Recommendation Across Genders',
      'Recommender systems trained on historical interactions show gender bias: women are recommended lower-paid jobs. We propose a re-ranking that satisfies demographic parity between genders.',
      ['ranking', 'social'],
    ],
    ['Fairness-Aware Re-ranking of News', undefined, ['ranking']],
    // Fairness that is not about recommending or ranking keeps its social reading.
    ['Fairness in Credit Scoring Models', undefined, ['social']],
    ['Fairness in Retrieval-Augmented Generation', undefined, ['social']],
    ['Fairness-Aware Neural Architecture Search', undefined, ['social']],
    // Social fairness measured on a retrieval task is not a ranking bias.
    [
      'Post-Hoc Debiasing of CLIP',
      'CLIP inherits social biases about gender and race from its training data. Our debiasing achieves fairness gains in retrieval and zero-shot classification.',
      ['social'],
    ],
    // Biases of an evaluation, of preference models and of LLMs-as-judges are evaluation biases.
    ['Biases in Human Evaluation of Machine Translation', undefined, ['evaluation']],
    ['Hidden Biases in Learned Preference Models', undefined, ['evaluation']],
    ['Mitigating Score Biases in LLMs-as-Judges', undefined, ['evaluation']],
    // Gaps between languages and scripts are cultural, a word apart too, in a paper about languages.
    ['Closing the Cross-Lingual Safety Gap of Chat Models', undefined, ['cultural']],
    [
      'Mind the Script Gap',
      'Speakers of Indian languages often type queries in Roman script. Retrievers trained on native scripts lose a third of their accuracy on such queries; transliteration closes this script gap.',
      ['cultural'],
    ],
    // An image classifier is not a multimodal model: its bare "bias" takes the default, data.
    ['Debiasing Image Classifiers', undefined, ['data']],
    // A bias in evaluating treatment effects is not a bias of an evaluation of models.
    ['Selection Bias in the Evaluation of Treatment Effects', undefined, ['data']],
    ['Selection Bias in Our Evaluation of Treatment Effects', undefined, ['data']],
    // Human-like behavioural biases of models are cognitive.
    ['Do Chatbots Show Behavioural Biases in Investment Choices?', undefined, ['cognitive']],
    // A language model's own position bias is an order effect in its answers; a reranker's or a
    // judge's built on one is theirs.
    ['Position Bias of Vision-Language Models on Multi-Image Inputs', undefined, ['cognitive']],
    [
      'Reducing the Position Bias in Large Language Models with Attention Scaling',
      undefined,
      ['cognitive'],
    ],
    ['Position Bias in LLM-Based Reranking', undefined, ['ranking']],
    ['Bias in LLM-Based Reranking', undefined, ['ranking']],
    ['Position Bias of LLMs Used as Evaluators', undefined, ['evaluation']],
    ['Selection Bias in LLM Training Data', undefined, ['data']],
    ['Self-Selection Bias in LLM Survey Responses', undefined, ['data']],
    ['Selection Bias in LLM Evaluation Benchmarks', undefined, ['evaluation']],
    ['Reducing the Selection Bias of Vision-Language Models', undefined, ['cognitive']],
    ['Sample Selection Bias in Large Language Model Fine-Tuning', undefined, ['data']],
    // Look-ahead bias: future information leaking into a forecaster's training data.
    ['Look-Ahead Bias in LLM Stock Forecasts', undefined, ['data']],
    ['Look Ahead Bias in LLM Forecasts', undefined, ['data']],
    // A rating bias of recommender users is a ranking bias, not a judge's.
    ['Mitigating User Rating Bias in Recommender Systems', undefined, ['ranking']],
    // Implicit biases of social psychology, in a model's associations about people.
    [
      'Implicit Biases of Transformer Language Models',
      'We adapt the implicit association test to transformer language models and find implicit biases against women and older people in their word associations.',
      ['social'],
    ],
    ['Position Bias in LLM Judges of Pairwise Comparisons', undefined, ['evaluation']],
    // Grading and rating are judgements too, by a model or a person.
    ['Grading Bias of LLMs on Student Essays', undefined, ['evaluation']],
    // The implicit bias of an optimiser, on separable data or in matrix sensing.
    ['The Implicit Bias of Sign Methods on Separable Data', undefined, ['inductive']],
    ['Implicit Bias in Matrix Sensing with Small Initialization', undefined, ['inductive']],
    // Survey response biases (acquiescence, social desirability) are human-like, so cognitive; a
    // survey's non-response bias is an estimator's.
    ['Acquiescence Bias in Large Language Models', undefined, ['cognitive']],
    [
      'Response Bias in LLM Answers to Attitude Questions',
      'We ask language models survey questions and find response biases like those of human respondents: answers shift with the wording of the question.',
      ['cognitive'],
    ],
    [
      'Correcting Non-Response Bias in Online Panels',
      'Online panels suffer from non-response bias. We propose a weighting estimator that corrects non-response bias and test it on two national surveys.',
      ['statistical'],
    ],
    // Biased responses to groups of people are social, not a survey's response bias.
    [
      'Equitable Answers in Mental Health Chatbots',
      'We measure response biases of chatbots toward marginalized groups in mental-health questions, and propose a debiasing prompt that narrows the gap between groups.',
      ['social'],
    ],
    // Position bias of in-context learning is an order effect, not a ranking bias.
    [
      'A Position Bias of In-Context Learning',
      'We find a position bias in in-context learning: moving the same demonstrations within the prompt changes accuracy by up to 20 points, and this position bias persists across model sizes.',
      ['cognitive'],
    ],
    // Implicit bias of gradient flow is an inductive bias of the optimiser.
    [
      'Low Rank from Small Initialisation',
      'We study the implicit bias of gradient flow in matrix sensing and show that it converges to low-rank solutions.',
      ['inductive'],
    ],
    // An unbiased estimator used by a ranker is not the paper's subject ("unbiased and consistent").
    [
      'Safe Counterfactual Learning to Rank',
      'Click logs suffer from position bias. Inverse propensity scoring gives unbiased and consistent estimates of ranking quality, but with high variance; we bound the risk of deploying a new ranker.',
      ['ranking'],
    ],
    // (Un)biased estimates and gradients, two words, a hyphenated word or a "that is" apart.
    ['An Unbiased Single-Sample Gradient for Discrete Objectives', undefined, ['statistical']],
    ['Biased Association Effect Estimates after Variant Selection', undefined, ['statistical']],
    [
      'Score Functions for Spiking Networks',
      'Surrogate gradients are biased. We derive a stochastic gradient that is unbiased and needs a single forward pass.',
      ['statistical'],
    ],
  ])('%s', (title, abstract, expected) => {
    expect(ids(title, abstract)).toEqual(expected);
  });
});

describe('classify: one plain cue in an abstract', () => {
  // A topic resting on one plain cue, once, sits just under the bar: the cues alone show no badge,
  // and the learned model, which reads the whole abstract, decides.
  it.each<[string, string, TopicId, string]>([
    [
      'Scoring Detectors Fairly',
      'Object detectors are compared by average precision. We show that its standard implementation is a gameable metric: a re-ranking trick raises it without better detections. We propose two metrics that reward calibrated detectors.',
      'evaluation',
      'gameable metric',
    ],
    [
      'When Prompts Override Vision',
      'Large vision-language models describe objects that are not in the image. We show that these hallucinations stem from excessive reliance on textual priors introduced by the instruction, and we fine-tune models toward visually grounded answers.',
      'modality',
      'textual priors',
    ],
    [
      'A Theory of Policy-Gradient Estimators for Language Model Fine-Tuning',
      'We characterize the statistical properties of the policy-gradient estimators used to fine-tune language models. Our analysis establishes their unbiasedness and derives exact variance expressions, which yield a variance-optimal baseline.',
      'statistical',
      'unbiasedness',
    ],
  ])('%s', (title, abstract, topic, phrase) => {
    const found = classify({ title, abstract }, { minScore: 0.3 });
    expect(found).toEqual([{ id: topic, score: expect.any(Number), evidence: [phrase] }]);
    expect(found[0]?.score).toBeLessThan(0.5);
    expect(found[0]?.score).toBeGreaterThan(0.49);
    expect(ids(title, abstract)).toEqual([]);
    expect(classify({ title, abstract }, { model: shippedTopicModel() })).toEqual([
      { id: topic, score: expect.any(Number), evidence: [phrase] },
    ]);
    // The same phrase in the title is more than the bar.
    expect(ids(`${title}: a ${phrase}`, abstract)).toEqual([topic]);
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
    // Bias of news media, which a model detects: not the model's bias (hard-cases.md, 17).
    ['Media Bias Detection with Transformers', undefined],
    // Finance: equity is a market, not fairness.
    ['Home Bias in International Equity Portfolios', undefined],
    // Cosmology's bias: how haloes and galaxies trace matter.
    ['Halo Bias in Cosmological Simulations', undefined],
    [
      'Assembly Bias of Dark Matter Haloes',
      'We measure the galaxy bias and its scale-dependent bias on large scales.',
    ],
    // Outside machine learning a bare "bias" is a voltage, a codon usage, a time preference.
    [
      'Codon Usage Bias in Bacterial Genomes',
      'We compare codon usage across 500 genomes. The bias correlates with expression level and GC content, and we trace how selection shaped it.',
    ],
    [
      'Finite Bias Spectroscopy of a Graphene Quantum Dot',
      'We measure transport through a three-terminal dot. At finite bias, excited states enter the bias window and the current shows new steps.',
    ],
    [
      'Procrastination under Present Bias',
      'Agents with present bias overweight immediate rewards. We give analytically tractable models of their plans and show when the bias makes them procrastinate.',
    ],
    [
      'The Breakdown Scale of Linear Neutral Hydrogen Bias',
      'We measure how the clustering of neutral hydrogen traces matter in hydrodynamical simulations, and the scale below which its bias stops being linear.',
    ],
    [
      'Out-Projection Bias Fine-Tuning for Few-Shot Vision Transformers',
      'Task-specific parameters concentrate in the out-projection bias of attention and MLP layers. We tune only that bias, and it matches full fine-tuning on few-shot benchmarks.',
    ],
    // Fairness among the clients of a scheduler, not among people.
    [
      'Fairness in Serving Large Language Models',
      'LLM inference services share accelerators among many clients. We define fairness in serving as equal service measured in tokens processed, and propose a fair scheduler that bounds the service difference between two backlogged clients while keeping throughput high.',
    ],
    // Equivariance in algebraic geometry, not an architectural prior of a network.
    [
      'Introduction to Equivariant Cohomology in Algebraic Geometry',
      'Equivariant cohomology is a tool for computing integrals on varieties with a torus action. These notes introduce equivariant cohomology with localization formulas and Schubert calculus as examples.',
    ],
    // A voltage in physics: "lending … an edge" is no loan decision, samples are no training data.
    [
      'Spectroscopy of Surface States at High Bias',
      'Scanning tunneling spectroscopy at high bias is a poor measure of the density of states. The large voltage makes constant-height scans impractical, lending constant-current spectroscopy an edge. We normalize the spectra and measure the bias dependence of several samples.',
    ],
    [
      'Twist in the Bias-Dependence of Spin-Torques in Magnetic Tunnel Junctions',
      'The spin-torque in tunnel junctions depends on the applied voltage. We extract this bias-dependence over large voltage ranges: the bias-dependences of asymmetric samples are twisted.',
    ],
    // A clinical sign in autism, not a social stereotype.
    [
      'Detecting Stereotypical Motor Movements with Wearable Sensors',
      'Stereotypical motor movements are a core sign of autism. We detect them from accelerometer signals with a convolutional network and outperform hand-crafted features.',
    ],
    // Fairness among the devices of a federated network, not among people.
    [
      'Fair Resource Allocation in Federated Learning',
      'Minimizing an average loss over a federated network can serve some devices much worse than others. Inspired by fair resource allocation in wireless networks, we propose an objective that makes accuracy more uniform across devices, and a communication-efficient solver for it.',
    ],
    // A watermark that keeps the output distribution; the verb "biases … towards".
    [
      'Improved Unbiased Watermark for Large Language Models',
      'Unbiased watermarks embed a signal in language model text without changing its distribution. We introduce a family of unbiased, multi-channel watermarks that are easier to detect and harder to remove than existing unbiased watermarks.',
    ],
    ['Batch Normalization Biases Residual Blocks Towards the Identity Function', undefined],
    // Contextual biasing in speech recognition boosts a list of words.
    [
      'Contextual Biasing for Streaming Speech Recognition',
      'Speech recognizers miss rare names. Contextual biasing boosts a list of biased words during decoding; we build a biased-word dataset and trigger the biasing only where a spike in the output suggests a name.',
    ],
    // A diffusion sampler named "shortcut"; deep biasing of speech recognizers toward a phrase list.
    [
      'One Step Diffusion via Shortcut Models',
      'Shortcut models generate images in one or a few sampling steps. A single network is conditioned on the step size, so it can jump ahead along the flow; training needs no distillation.',
    ],
    [
      'Contextualized Speech Recognition with a Dynamic Vocabulary',
      'Deep biasing improves recognition of rare phrases given as a bias list. We add the bias phrases to the vocabulary as single tokens and lower the bias phrase error rate on English and Japanese datasets.',
    ],
    // A systems paper's long-tailed counts are no data bias.
    [
      'Lineage-Controlled Dataflows for Foundation-Model Data Preparation',
      'Preparing training data for foundation models needs pipelines that turn heterogeneous documents into records. Each parent item expands into children whose counts may be long tailed. We present an engine that batches children across parents on GPUs and reduces end-to-end time by 13 percent.',
    ],
    // A sensor's offset; a metric named after its weighting.
    [
      'Learning IMU Bias with a Diffusion Model',
      'The IMU bias drifts over time and corrupts odometry. We learn the gyroscope bias and the accelerometer bias with a diffusion model trained on flight data.',
    ],
    // The political slant of news that a classifier labels is the outlets', not a model's bias.
    [
      'Political Bias Classification of News Articles with Transformers',
      'We classify the political bias of news articles from US outlets. A fine-tuned transformer labels each article left, center or right, and we explain its predictions; the political bias of the outlets is our label.',
    ],
    // Once "bias" is a sensor's in a paper, its bare "bias" and "debiasing" are the sensor's too.
    [
      'Inertial Odometry with Learned Sensor Offsets',
      'The IMU bias drifts over time and corrupts odometry. We estimate the bias from data with a network trained on flight logs, and debiasing the measurements halves the drift.',
    ],
    [
      'Measuring Agreement of Retrieval Systems',
      'We compare the top results of two retrieval systems with rank-biased overlap, a similarity of ranked lists that weighs the top more, and report rank-biased precision.',
    ],
    // Clinical trial appraisal.
    [
      'Automating Risk of Bias Assessment of Clinical Trials with LLMs',
      'We build a dataset of trial reports annotated with risk of bias judgements and test LLMs on the risk of bias assessment.',
    ],
    // Tuning only the biases of a network's layers (steering vectors).
    [
      'Steering LLM Reasoning Through Bias-only Adaptation',
      'We train steering vectors: layer-wise biases that additively amplify selected hidden features while leaving all original weights unchanged.',
    ],
    ['Steering with Layer-wise Biases of Large Language Models', undefined],
    [
      'Denoising Without Offsets',
      'Deep denoisers add constant ("bias") terms to every convolution. We show that these biases make networks overfit the noise levels seen in training. A bias-free architecture, with the terms removed, generalizes across noise levels on natural images.',
    ],
    // The train/generation mismatch of text generation is no taxonomy kind.
    [
      'Exposure Bias in Autoregressive Text Generation',
      'Teacher forcing trains a language model on gold prefixes, but at generation time it reads its own outputs. We study how this exposure bias makes errors accumulate.',
    ],
    // A corpus for languages with few resources is not a study of a disparity.
    [
      'A Corpus of Four Minority Languages',
      'We release a cleaned pretraining corpus for four low-resource languages of China. Low-resource languages are scarce in existing corpora, so we collect web text and train a multilingual model on it.',
    ],
    // Words that only look like cues: an effective method, a mechanism that cannot be gamed, a gap
    // between two formal languages, a model that overestimates its accuracy.
    ['Anchoring Effectively Stabilises Test-Time Adaptation', undefined],
    ['Non-Gameable Rewards for Federated Learning Contributions', undefined],
    ['Bridging the Linguistic Gap Between Natural Language and SQL', undefined],
    [
      'Calibration of Chat Models',
      'Chat models overestimate their accuracy. We study estimators of their confidence and the variance of those estimators.',
    ],
  ])('%s', (title, abstract) => {
    expect(classify({ title, abstract })).toEqual([]);
    // Nor does the learned model lift anything the cues found here over the bar.
    expect(classify({ title, abstract }, { model: shippedTopicModel() })).toEqual([]);
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

  it('still counts the cues of a paper that also uses "bias" as a parameter', () => {
    const abstract =
      'We tune only the bias terms of a language model on counterfactual data and measure gender bias on three benchmarks. Debiasing this way matches full fine-tuning.';
    const title = 'Tuning Only Bias Terms Reduces Gender Bias in Language Models';
    const topics = classify({ title, abstract });
    expect(topics.map((t) => t.id)).toEqual(['social']);
    // The cues are its evidence; its bare "Debiasing" is taken in the parameter's sense.
    expect(topics[0]?.evidence).toEqual(['Gender Bias', 'gender bias']);
  });

  // With an abstract, a bias of language models is social only if the paper names people.
  it('gives no default social badge to an abstract on LLM biases that names no people', () => {
    const abstract = (who: string) =>
      `Large language models are biased when they ${who}. We measure this bias across twenty models and reduce it with a debiasing prompt that halves the drift.`;
    const title = 'Debiasing the Answers of Large Language Models';
    expect(ids(title, abstract('rate everyday options: their ratings drift to an ideal'))).toEqual(
      [],
    );
    expect(ids(title, abstract('answer questions about women and men in the same roles'))).toEqual([
      'social',
    ]);
    // A title alone keeps the default.
    expect(ids(title)).toEqual(['social']);
  });

  // The named phrase too: "biases in LLMs" of order, framing or values is no social bias.
  it('reads a named bias of LLMs as social only in an abstract that names groups of people', () => {
    const title = 'Biases in Large Language Models Are Hard to Measure';
    const abstract = (what: string) =>
      `We study how large language models ${what}. Such biases in LLMs go unnoticed by current benchmarks, and we release a suite of 2,000 test items to measure them.`;
    expect(ids(title, abstract('order the options of multiple-choice questions'))).not.toContain(
      'social',
    );
    expect(
      ids(title, abstract('frame the same investment advice for risky choices')),
    ).not.toContain('social');
    expect(ids(title, abstract('describe women and men of different ethnicities'))).toContain(
      'social',
    );
    expect(ids(title, abstract('write about marginalized communities'))).toContain('social');
    // A title alone keeps the default.
    expect(ids(title)).toEqual(['social']);
  });

  it('reads discrimination as social only in a paper that names groups of people', () => {
    const title = 'Do Language Models Discriminate?';
    const abstract = (what: string) =>
      `We test whether large language models show discrimination ${what}. Across six models, discrimination rates vary by a factor of three.`;
    expect(ids(title, abstract('between sarcastic and sincere utterances'))).toEqual([]);
    expect(ids(title, abstract('against female applicants in hiring decisions'))).toEqual([
      'social',
    ]);
    // A title alone: discrimination as a technique, with no social words, is no topic.
    expect(ids('Modality Discrimination Enhancement for Multi-modal Recommendation')).toEqual([]);
  });

  it('still reads the political bias of a language model as social', () => {
    const abstract =
      'We measure the political bias of large language models on a voting-advice questionnaire and find a left-leaning slant across model families.';
    expect(ids('Measuring the Political Bias of Large Language Models', abstract)).toEqual([
      'social',
    ]);
    expect(ids('Political Bias Detection in Large Language Models')).toEqual(['social']);
    expect(ids('Political Bias Detection in GPT-4 Outputs')).toEqual(['social']);
    expect(ids('Political Bias of LLMs in News Generation')).toEqual(['social']);
  });

  it('still reads health equity as fairness', () => {
    expect(ids('Bias and Health Equity in Medical AI')).toEqual(['social']);
  });

  it('keeps the halo effect of human judgement a cognitive cue', () => {
    expect(ids('The Halo Effect in LLM Judgments of Essays')).toContain('cognitive');
  });

  it('reads balance between modalities only in multimodal learning, not a balanced dataset', () => {
    expect(ids('A Balanced Multimodal Dataset for Emotion Recognition')).toEqual([]);
    expect(ids('A Balanced Multimodal Training Mixture for Instruction-Tuned MLLMs')).toEqual([]);
    // Imbalanced classes are a data bias, in multimodal learning too.
    expect(ids('Class-Imbalanced Multimodal Learning for Rare Disease Diagnosis')).toEqual([
      'data',
    ]);
  });

  it('does not read fairness among resources, jobs or agents as social, even in a title', () => {
    // Titles written for the test, in the manner of the labelled papers that showed the case.
    for (const title of [
      'Fair Resource Allocation for Mixture-of-Experts Inference',
      'Fairness in Scheduling Training Jobs on Shared GPU Clusters',
      'Client Fairness under Partial Participation',
      'Balancing Throughput and Fairness in Wireless Networks',
      'Multi-Agent Fairness in Cooperative Navigation',
    ]) {
      expect(ids(title), title).toEqual([]);
    }
    // Fairness toward groups of people keeps its social reading, in federated learning too.
    expect(ids('Group Fairness in Federated Learning')).toEqual(['social']);
    expect(ids('A Fair Federated Learning Framework')).toEqual(['social']);
    expect(ids('Fairness in Hiring Algorithms')).toEqual(['social']);
    expect(ids('Fair Allocation of Loans across Demographic Groups')).toEqual(['social']);
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

  // A bare "debiased" among estimation words is an estimator's bias.
  it('reads a bare debiasing title of an estimator or optimiser as statistical', () => {
    expect(ids('Tuning the Debiased Lasso')).toEqual(['statistical']);
    expect(ids('Debiasing Mini-Batch Gradients in Stochastic Optimization')).toEqual([
      'statistical',
    ]);
  });

  // Debiasing a text-to-image or vision-language model, with nothing more said, is most often
  // about people in its images; only an abstract can show a bias between modalities.
  it('reads a bare debiasing title of an image model as social, not modality', () => {
    expect(ids('Debiasing Text-to-Image Diffusion Models with Prompt Arrays')).toEqual(['social']);
    expect(ids('Post-hoc Debiasing of Vision-Language Models')).toEqual(['social']);
  });

  // A title rarely names its field; equivariance needs machine learning only in an abstract.
  it('takes equivariance in a title as a prior, without network words', () => {
    expect(ids('Relaxed Equivariance via Multitask Learning')).toEqual(['inductive']);
    expect(ids('Soft Equivariance with Guarantees')).toEqual(['inductive']);
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

describe('classify: a title longer than any real one', () => {
  // A hostile page can put 20,000 characters in a title (the adapters' MAX_FIELD_CHARS); the
  // classifier reads the first 2,000, as many as a saved title keeps.
  const filler = 'Notes on a very long heading. '.repeat(70);

  it('reads the first 2,000 characters of a title', () => {
    const early = `Mitigating Gender Bias in LLMs. ${filler}`;
    expect(early.length).toBeGreaterThan(2000);
    expect(ids(early)).toEqual(['social']);
    const late = `${filler}Mitigating Gender Bias in LLMs`;
    expect(late.indexOf('Gender')).toBeGreaterThan(2000);
    expect(ids(late)).toEqual([]);
    expect(ids(late, 'We study it.')).toEqual([]);
  });

  it('takes its evidence only from what it reads', () => {
    const title = `Mitigating Gender Bias in LLMs. ${filler}Racial stereotypes`;
    const social = classify({ title }).find((t) => t.id === 'social');
    expect(social?.evidence).toContain('Gender Bias');
    expect(social?.evidence.join(' ')).not.toMatch(/racial|stereotyp/i);
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

  it('honours minScore', () => {
    const p = seedPaper(16);
    expect(classify(p, { minScore: 0.99 })).toEqual([]);
    expect(classify(p).every((t) => t.evidence.length > 0)).toBe(true);
    expect(classify(p, { minScore: 0 }).length).toBeGreaterThanOrEqual(classify(p).length);
  });

  it("gives at most six evidence phrases per topic, the title's first", () => {
    const social = classify({
      title: 'Gender Bias in Hiring Models',
      abstract:
        'We study racial bias, age bias, religious bias, caste bias, disability bias, gender stereotypes and demographic parity of hiring models.',
    }).find((t) => t.id === 'social');
    expect(social?.evidence).toHaveLength(6);
    expect(social?.evidence[0]).toBe('Gender Bias');
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
