import type { TopicId } from '../paper';
import type { AnchoredDef } from './cues';

/**
 * Candidate phrases: words of a topic's field that are no evidence of its bias on their own
 * ("LLM judges", "leakage", "hallucinations", "multilingual", "propensity"). A
 * paper about the reliability of judges, or the language gaps of a model, often never says
 * "bias"; a paper that merely uses a judge, or covers many languages, says the same words. So a
 * candidate never makes a badge by itself: it only asks the learned model (learned.ts) about a
 * topic the cues found no evidence for, and the topic is shown when the model, which reads every
 * word of the paper, is confident enough (`candidatePromoteAt`, `titleCandidatePromoteAt` for a
 * title alone). With an abstract it asks only when two different phrases name the topic: one
 * phrase alone was right about half the time (classify.ts). The phrases found are the badge's
 * evidence.
 *
 * They ship inside the learned model (topic-model.json, written by `npm run train:topics`), not
 * with the cues: without the model they would do nothing. Chosen from TAXONOMY.md's typical cues and the fields its topics
 * cover, as words and short phrases, never titles: each names a field, an artefact or a method,
 * like the cues' context words. Same form as a cue: `anchors` are lowercase literals, `pre` must
 * end right before the anchor, `post` must follow it.
 */
export interface CandidateDef extends AnchoredDef {
  topic: TopicId;
}

function candidates(
  topic: TopicId,
  anchors: readonly string[],
  pre = '\\b',
  post = '\\w*',
): CandidateDef {
  return { topic, anchors, pre, post };
}

export const CANDIDATE_DEFS: readonly CandidateDef[] = [
  // Judges and their reliability, contamination not said of data, a dataset, a benchmark, a test
  // set or an evaluation (those are cues), leaked benchmarks, gamed reward models.
  candidates('evaluation', ['judge', 'jury', 'juries', 'evaluator', 'leaderboard']),
  candidates('evaluation', ['contaminat', 'leakage']),
  candidates('evaluation', ['reward'], '\\b', '[- ](?:hack\\w*|over-?optimi\\w*|models?)\\b'),
  candidates('evaluation', ['peer'], '\\b', '[- ]review\\w*'),
  candidates('evaluation', ['metrics'], '\\b(?:evaluation|automatic|automated) ', '\\b'),
  // Who grades, reviews or judges, and how the results are compared.
  candidates('evaluation', ['reviewer', 'reviewing', 'grading', 'grader', 'judgment']),
  candidates('evaluation', ['meta-evaluat', 'win rate', 'win-rate']),
  candidates('evaluation', ['scoring'], '\\b(?:essay|automated|automatic|answer) ', '\\b'),
  // Hallucination, and how much a model uses each modality.
  candidates('modality', ['hallucination'], '\\b', 's?\\b'),
  candidates('modality', ['cross-modal', 'unimodal', 'modalit', 'contrastive decoding']),
  candidates('modality', ['binding'], '\\b(?:attribute|linguistic|object|concept)[- ]', '\\b'),
  candidates(
    'modality',
    ['alignment'],
    '\\b(?:semantic|text-image|image-text|text-to-image|vision-language)[- ]',
    '\\b',
  ),
  candidates(
    'modality',
    ['visual'],
    '\\b',
    ' (?:grounding|dependence|reliance|cues?|evidence|tokens|attention|information)\\b',
  ),
  // Languages, countries and the costs of tokenizing them.
  candidates('cultural', [
    'multilingual',
    'cross-lingual',
    'crosslingual',
    'low-resource',
    'geograph',
    'countr',
    'nationalit',
    'accent',
    'tokeniz',
    'dialect',
    'non-native',
    'cultur',
  ]),
  candidates('cultural', ['language'], '\\b', 's\\b'),
  // Human-like judgement and decision-making.
  candidates('cognitive', ['conformity', 'nudg', 'prospect theory', 'persuasi']),
  candidates('cognitive', ['rational'], '\\b(?:ir)?'),
  candidates('cognitive', ['desirabilit', 'human-like', 'humanlike', 'authority', 'primacy']),
  // Order effects: "prompt order", "option order matters", "order sensitivity".
  candidates(
    'cognitive',
    ['order'],
    '\\b(?:(?:prompt|option|choice|answer|demonstration|example)s? )?',
    // The lookbehind asks for the word before "order" again: `post` cannot see what `pre` took,
    // and a bare "order" ("in order to", "word order") is no order effect.
    '(?:[- ](?:effects?|sensitiv\\w*|matters|dependen\\w*)|(?<=\\b(?:prompt|option|choice|answer|demonstration|example)s? order))\\b',
  ),
  // Estimation under confounding or selection. Not "off-policy", "variance reduction", "gradient
  // estimators" or "bootstrap": papers in those fields are mostly about variance, and in
  // cross-validation most of those the model promoted on them were labelled no topic.
  candidates('statistical', ['confound', 'doubly', 'propensit', 'treatment effect', 'jackknife']),
  candidates('statistical', ['importance'], '\\b', ' (?:weight|sampling)\\w*'),
  candidates('statistical', ['prediction-powered', 'monte carlo', 'monte-carlo']),
  candidates('statistical', ['causal'], '\\b', ' (?:inference|effects?)\\b'),
  // Who labelled the data, and who is missing from it.
  candidates('data', ['annotator', 'underrepresent', 'under-represent', 'imbalanc', 'long-tail']),
  // Groups of people.
  candidates('social', [
    'gender',
    'demograph',
    'minorit',
    'racial',
    'ethnic',
    'religio',
    'caste',
    'skin tone',
    'hiring',
    'politic',
    'discriminat',
    'toxic',
    'hate speech',
  ]),
  // Not "race conditions" of concurrent programs.
  candidates('social', ['race'], '\\b', 's?(?![- ]conditions?)\\b'),
  // Recommendation and what it exposes.
  candidates('ranking', ['recommend', 'exposure']),
  // Learning biases engineered or studied.
  candidates('inductive', ['simplicity', 'invarian', 'locality', 'symmetr', 'equivarian']),
  candidates('inductive', ['spectral', 'sharpness']),
  candidates('inductive', ['implicit'], '\\b', ' regulari[sz]\\w*'),
];
