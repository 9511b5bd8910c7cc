import type { TopicId } from '../paper';

/**
 * Cue phrases per topic, following TAXONOMY.md v1. Every cue is anchored on bias (or fairness,
 * stereotypes, …) being what the paper is about, never on a field or a task alone.
 *
 * - `core` cues are evidence on their own; their weights add up per topic.
 * - `context` cues (domain words: "reward model", "recommendation", "vision-language") only add to
 *   a topic that already has core evidence, gate ambiguous cues ("position bias" is ranking only
 *   next to retrieval words; where two topics' contexts both gate a phrase, the stronger context
 *   takes it), and decide where a bare "bias" mention goes.
 * - A bare "bias" that no cue claims counts only in a paper about machine learning (or one that
 *   acts on the bias): elsewhere it is a voltage, a codon usage, a tracer of matter.
 *
 * Speed: a core cue is a literal `anchor` (lowercase, e.g. `bias`) plus `pre`, a pattern for the
 * words just before it (checked with a lookbehind), and `post`, a pattern for what follows. The
 * classifier finds every anchor with one scan and tries the cue only there (sticky regex), so
 * adding cues costs little. No anchor may be a prefix of another (tested).
 *
 * Weights are on one scale: a passing score needs about 1.0 from an abstract (1.3 from a title
 * alone); a title occurrence counts 2.4 times.
 */
export interface CueDef {
  topic: TopicId;
  weight: number;
  /** Literal(s) the match contains, lowercase. */
  anchors: readonly string[];
  /** Pattern that must end right before the anchor ('' for none). */
  pre: string;
  /** Pattern that must follow the anchor ('' for none). */
  post: string;
  /** Only counts when this topic's context cues occur in the paper. */
  needs?: TopicId;
  /**
   * Only counts when the paper passes this one of the `GATES` (checked on the title and abstract;
   * a title alone always passes).
   */
  gate?: GateId;
  /** Does not count when this topic's context cues occur (another topic owns the phrase there). */
  unless?: TopicId;
  /** An "inductive bias"-style cue that is often a one-line motivation: damp it harder there. */
  motivational?: boolean;
  /**
   * A loose cue ("bias" near "data"): counts only for the paper's leading topic, so it can decide
   * a paper that is about bias but never adds a second topic.
   */
  weak?: boolean;
  /** Weight when the cue is in the title (default: `weight`; the title factor applies on top). */
  titleWeight?: number;
  /** Cues sharing a key are one cue for counting repeats (two spellings of one phrase). */
  key?: string;
}

/** A context cue: a plain pattern run over the whole text, only when its topic needs it. */
export interface ContextDef {
  topic: TopicId;
  weight: number;
  source: string;
}

const B = '(?:es|ed)?\\b';

/** Protected or social attributes that turn "X bias" into a social-bias phrase. */
const ATTR =
  '(?:gender(?:ed)?|racial|race|ethnic|religious|religion|caste|casteist|communal|age|disability|nationality|political|ideological|occupational|socio-?economic|demographic|identity|sexual[- ]orientation)';

type Extra = Omit<Partial<CueDef>, 'topic' | 'weight' | 'anchors' | 'pre' | 'post'>;

function cue(
  topic: TopicId,
  weight: number,
  anchors: string | readonly string[],
  pre: string,
  post: string,
  extra: Extra = {},
): CueDef {
  return {
    topic,
    weight,
    anchors: typeof anchors === 'string' ? [anchors] : anchors,
    pre,
    post,
    ...extra,
  };
}

export const CUE_DEFS: readonly CueDef[] = [
  // ---- social -------------------------------------------------------------------------------
  cue(
    'social',
    0.9,
    'bias',
    `\\b${ATTR}(?:(?:,\\s*|\\s+and\\s+|\\s+or\\s+|,\\s*and\\s+|/)${ATTR})*(?:[- ]related)?[- ]`,
    B,
  ),
  cue('social', 0.8, ['disparit', 'gap', 'imbalance', 'inequalit'], `\\b${ATTR}[- ]`, '\\w*'),
  cue(
    'social',
    0.65,
    'bias',
    '\\b(?:social|societal|ethical|representational|stereotyp(?:e|ical)|allocational)[- ]',
    B,
  ),
  // Not stereotypical motor movements (a clinical sign in autism).
  cue('social', 0.7, 'stereotyp', '\\b', '\\w*\\b(?! (?:motor )?movements?)'),
  // Bias of language models, named no more precisely, is social bias when the paper names groups
  // of people; with an abstract that names none, it is the model's own leaning (answer order,
  // framing, values). A title alone cannot tell, and keeps social.
  cue('social', 0.6, 'bias', '\\b(?:llm|language model)s? ', B, { weak: true, gate: 'groups' }),
  cue(
    'social',
    0.6,
    'bias',
    '\\b',
    // Not "bias of language models towards certain answers": a preference, not a social bias.
    // Nor a bias "in LLM-based reranking", which is the reranker's.
    '(?:es|ed)? (?:in|of) (?:the )?(?:large )?(?:llms?|language models?)\\b(?! towards?\\b|-based\\b)',
    { weak: true, gate: 'groups' },
  ),
  // Fairness among people, not among the clients of a scheduler ("fairness in serving LLMs").
  cue('social', 0.7, 'fair', '\\b', 'ness\\b', { gate: 'people' }),
  cue('social', 0.5, 'fair', '\\bun', '(?:ness|ly)?\\b', { gate: 'people' }),
  cue('social', 0.4, 'fair', '\\b', 'er\\b', { gate: 'people' }),
  cue(
    'social',
    0.6,
    'fair',
    '\\b',
    '[- ](?!(?:comparisons?|evaluations?|use|share|amount|bit|number|game|value|price|trade|play|assessments?|benchmark\\w*|chance|question)\\b)(?:\\w+[- ]){0,2}?(?:representations?|classifi\\w+|graph\\w*|gnns?|models?|learning|treatment|outcomes?|predictions?|generative|synthetic|data|machine learning|decisions?|clustering|allocation|policy|policies|embeddings?|regression)\\b',
    { gate: 'people' },
  ),
  cue('social', 0.7, 'discriminat', '\\b', 'ory\\b'),
  cue('social', 0.6, 'discriminat', '\\b', 'ion\\b', { needs: 'social', gate: 'groups' }),
  cue('social', 0.7, 'attribute', '\\b(?:sensitive|protected|demographic) ', 's?\\b'),
  cue(
    'social',
    0.6,
    ['group', 'communit', 'population'],
    '\\b(?:sensitive|protected|demographic|identity|minority|marginali[sz]ed|underrepresented|under-represented|disadvantaged|social) ',
    '\\w*',
  ),
  cue('social', 0.9, 'parity', '\\b(?:demographic|statistical) ', '\\b'),
  cue('social', 0.9, 'fair', '\\b(?:group|individual|counterfactual|algorithmic) ', 'ness\\b'),
  cue('social', 0.9, 'equali', '\\b', '[sz]ed odds\\b'),
  cue('social', 0.8, 'disparate', '\\b', ' (?:impact|treatment)\\b'),
  cue('social', 0.5, 'skin', '\\b', ' (?:tones?|colou?rs?)\\b'),
  cue('social', 0.6, 'racial', '\\b', '(?:ly)? divers\\w+'),
  cue(
    'social',
    0.7,
    ['racis', 'sexis', 'misogyn', 'homophob', 'xenophob', 'islamophob', 'antisemit'],
    '\\b',
    '\\w*',
  ),
  cue(
    'social',
    0.6,
    'inclusive',
    '\\b',
    ' (?:\\w+[- ]){0,3}?(?:generation|images?|language|models?|outputs?)\\b',
  ),

  // ---- cultural -----------------------------------------------------------------------------
  // Descriptors of languages and their speakers ("English-centric LLMs", "low-resource
  // languages") name a disparity only in a paper that speaks of one; a corpus or a benchmark for
  // those languages is not a study of bias.
  cue(
    'cultural',
    1.0,
    'centric',
    '\\b(?:english|western|anglo|euro|us|american)(?:[- ]world)?[- ]?',
    '\\w*',
    { gate: 'disparity' },
  ),
  cue('cultural', 0.8, 'bias', '\\b(?:english|western)[- ](?:world[- ])?', B),
  cue('cultural', 0.6, 'non', '\\b', '-?(?:english|western)\\b', { gate: 'disparity' }),
  cue(
    'cultural',
    0.7,
    'language',
    '\\b(?:low|under|less)[- ]?(?:resource[ds]?|resourced|represented)[- ]',
    's?\\b',
    { gate: 'disparity' },
  ),
  cue('cultural', 0.5, 'dialect', '\\b', '(?:s|al)?\\b', { gate: 'disparity' }),
  cue(
    'cultural',
    0.7,
    'variet',
    '\\b(?:language|english|linguistic|arabic|chinese|spanish) ',
    '(?:y|ies)\\b',
  ),
  cue('cultural', 0.6, 'variant', '\\blanguage ', 's?\\b'),
  cue(
    'cultural',
    0.6,
    'english',
    '\\b(?:african[- ]american (?:vernacular )?|indian |singaporean |nigerian )',
    '\\b',
  ),
  cue(
    'cultural',
    0.7,
    'cultur',
    '\\b(?:cross-|multi)?',
    'al[- ](?:bias(?:es)?|values?|norms|alignment|awareness|sensitivity|competence|knowledge|commonsense|nuances|contexts?|differences|disparit\\w+|gaps?|representation)\\b',
  ),
  // Fairness across languages and places is cultural, and outweighs the social fairness cue.
  cue(
    'cultural',
    0.8,
    ['bias', 'disparit', 'inequalit', 'fair', 'divide', 'preference'],
    '\\b(?:regional|geographic(?:al)?|geo-?cultural|geopolitical|linguistic|country|cross-lingual|multilingual|dialect(?:al)?|accent)[- ]',
    '\\w*',
  ),
  cue(
    'cultural',
    0.6,
    ['disparit', 'fair', 'inequalit', 'gap'],
    '\\b(?:un)?',
    '\\w* (?:across|between|among) (?:\\w+ ){0,2}?(?:languages|dialects|accents|cultures|countries|regions|language variants)\\b',
  ),
  cue(
    'cultural',
    0.7,
    'bias',
    '\\b',
    '(?:es|ed)? across (?:\\w+ ){0,2}?(?:languages|cultures|countries|dialects|accents|regions)\\b',
  ),
  cue('cultural', 0.5, 'global', '\\b', ' south\\b'),
  // Gaps between languages or scripts, a word apart too ("cross-lingual safety gap"), in a paper
  // about languages: "the linguistic gap between natural language and SQL" is not one.
  cue(
    'cultural',
    0.8,
    'gap',
    '\\b(?:multilingual|cross-?lingual|script|dialect(?:al)?|linguistic)[- ](?:[a-z]+[- ])?',
    's?\\b',
    { needs: 'cultural' },
  ),

  // ---- data ---------------------------------------------------------------------------------
  cue(
    'data',
    0.6,
    'bias',
    '\\b(?:(?:pseudo-?)?label(?:ing)?|annotation|annotator|sampling|selection|reporting|dataset|data|training[- ]data|context(?:ual)?|center|centre|size|background|(?:word|token|term)[- ]frequency|duplication|co-?occurrence|spurious|shortcut|imbalance|collection|coverage|historical|measurement|negative sample|sample|look[- ]?ahead)[- ]',
    B,
  ),
  // A named bias located in the data: "refusal position bias within safety tuning data".
  cue(
    'data',
    0.7,
    'bias',
    '\\b(?!(?:the|these|those|such|any|potential|unwanted|inherent|possible|many|various|some|all|its|their|our|and|or|of|in|to|other|new|unknown|known|existing|significant|introduce|introduces)\\b)[a-z][\\w-]*(?<!ing) ',
    '(?:es)? (?:with)?in (?:the |our |this |these )?(?:[\\w-]+ ){0,4}?(?:data|datasets?|training sets?|corpora|corpus)\\b',
  ),
  cue(
    'data',
    0.9,
    'spurious',
    '\\b',
    '(?:ly)?[- ](?:correlat\\w+|features?|cues?|attributes?|associations?|patterns?|biases?|signals?|shortcuts?)\\b',
  ),
  // Not "shortcut models" (a diffusion sampler) or "shortcut connections".
  cue('data', 0.6, 'shortcut', '\\b', '(?:s| learning| features?| solutions?| cues?| reliance)\\b'),
  // Popular and long-tail items, or biased click data, are a recommender's ranking bias. A long
  // tail is data's when it is one of classes, labels, knowledge or a task ("long-tailed
  // recognition"), not a systems paper's "counts may be long tailed".
  cue(
    'data',
    0.7,
    'tail',
    '\\blong[- ]?',
    '(?:ed)?[- ](?:[\\w-]+ )?(?:\\w+(?:tion|ing)|distributions?|knowledge|data(?:sets?)?|labels?|class(?:es)?|categor\\w+|problems?|settings?|scenarios?|samples|instances|tasks?|open[- ]worlds?)\\b',
    { unless: 'ranking' },
  ),
  cue('data', 0.7, 'imbalance', '\\b(?:class|label|data|category|sample)[- ]?', '[ds]?\\b', {
    unless: 'ranking',
  }),
  cue(
    'data',
    0.7,
    'imbalance',
    '\\b',
    'd (?:data|datasets?|classes|distributions?|training|labels)\\b',
    { unless: 'ranking' },
  ),
  cue('data', 0.35, 'imbalance', `(?<!${ATTR} )\\b`, '[sd]?\\b', { unless: 'ranking' }),
  cue('data', 0.8, ['noise', 'error'], '\\b(?:label|annotation)[- ]?', 's?\\b', {
    key: 'label-noise',
  }),
  cue('data', 0.8, 'noisy', '\\b', '[- ]labels?\\b', { key: 'label-noise' }),
  cue('data', 0.7, 'mislabel', '\\b', '\\w*'),
  cue('data', 0.8, 'artifact', '\\b(?:annotation|dataset) ', 's?\\b'),
  cue(
    'data',
    0.5,
    ['classes', 'categories', 'subgroups', 'subpopulations'],
    '\\b(?:underrepresented|under-represented|minority|tail|rare|infrequent) (?:object )?',
    '\\b',
  ),
  cue('data', 0.7, 'worst', '\\b', '[- ]group\\b'),
  cue('data', 0.7, 'robust', '\\bgroup[- ]', '\\w*'),
  cue('data', 0.6, 'bias', '\\b', '(?:ed)?[- ](?:conflicting|aligned)\\b'),
  cue('data', 0.7, 'bias', '\\b', ' (?:labels?|annotations?|supervision)\\b'),
  cue(
    'data',
    0.7,
    'bias',
    '\\b',
    'ed (?:training |labell?ed |real-world )?(?:data(?:sets?)?|training sets?|samples|labels|annotations|corpora)\\b',
    { unless: 'ranking' },
  ),
  // "bias(es) … data" or "data … bias(es)" within a few words of one sentence.
  cue(
    'data',
    0.4,
    'bias',
    '\\b',
    `${B}(?:[ ,:/-]+[\\w'()]+){0,6}?[ ,:/-]+(?:data|datasets?|training sets?|corpus|corpora|samples)\\b`,
    { weak: true, titleWeight: 0.55, key: 'data-near-bias' },
  ),
  cue(
    'data',
    0.4,
    'bias',
    `\\b(?:data(?![- ]free)|datasets?|training sets?|corpus|corpora)(?:[ ,:/-]+[\\w'()]+){0,6}?[ ,:/-]+`,
    B,
    { weak: true, titleWeight: 0.55, key: 'data-near-bias' },
  ),
  // Client data that is not IID is skewed data (label or feature skew across clients).
  cue('data', 0.55, 'iid', '\\bnon-?', '\\b'),

  // ---- inductive ----------------------------------------------------------------------------
  cue('inductive', 0.55, 'inductive', '\\b', `(?:ly)?[- ]bias${B}`, { motivational: true }),
  cue('inductive', 0.9, 'bias', '\\b(?:simplicity|spectral|shape|texture)[- ]', B),
  // The frequency bias of network training (low frequencies learned first); word frequency is data.
  cue('inductive', 0.9, 'bias', '(?<!(?:word|token|term)[- ])\\bfrequency[- ]', B, {
    needs: 'inductive',
  }),
  cue(
    'inductive',
    0.6,
    'bias',
    '\\b(?:locality|architectural|structural|smoothness|low-rank)[- ]',
    B,
  ),
  // Singular: "implicit biases" is as often social psychology's (implicit association tests).
  cue('inductive', 0.7, 'implicit', '\\b', ' (?:bias|regulari[sz]ation)\\b', {
    needs: 'inductive',
  }),
  cue('inductive', 0.55, 'equivarian', '\\b', '(?:t|ce)\\b', { gate: 'ml' }),
  cue('inductive', 0.6, 'prior', '\\b(?:architectural|geometric|symmetry|structural) ', 's?\\b'),
  cue(
    'inductive',
    0.3,
    'inductive',
    '\\b(?:hardwir\\w*|encod\\w*|inject\\w*|incorporat\\w*|instill\\w*|impos\\w*|introduc\\w*|design\\w*|quantif\\w*|measur\\w*|comput\\w*)(?:\\W+\\w+){0,3}?\\W+',
    ' bias',
    { motivational: true },
  ),

  // ---- evaluation ---------------------------------------------------------------------------
  cue(
    'evaluation',
    0.8,
    'bias',
    '\\b(?:self[- ]preference|self[- ]enhancement|self|verbosity|egocentric|leniency|bandwagon|authority|familiarity|judge|judg(?:e)?ment|evaluation|evaluator|benchmark|rater|grader|grading|scorer|reviewer|reward(?:[- ]model)?|metric)[- ]',
    B,
  ),
  cue(
    'evaluation',
    0.7,
    'bias',
    '\\b',
    '(?:es)?(?: [\\w-]+){0,2}? (?:of|in|toward|towards|from|across|among) (?:the |an? )?(?:[\\w-]+ ){0,2}?(?:judges?|evaluators?|raters?|graders?|reviewers?|referees?|peer review|reward (?:models?|systems?|signals?|functions?)|prms?|metrics?|benchmarks?|(?!the |an? |our |this |their |its |such )[\\w-]+ evaluations?|preference models?|llms?-as-(?:an?-)?judges?)\\b',
  ),
  cue(
    'evaluation',
    0.5,
    'bias',
    '\\b(?:judges?|evaluators?|reward models?|prms?|raters?|graders?|reviewers?|referees?)(?:\\W+\\w+){0,3}?\\W+',
    B,
  ),
  cue(
    'evaluation',
    0.8,
    'debias',
    '\\b',
    '\\w* (?:[\\w-]+ ){0,2}?(?:evaluations?|evaluators?|benchmarks?|metrics?|judges?|reward models?)\\b',
  ),
  cue('evaluation', 0.6, 'preference', '\\bself[- ]', '\\b'),
  // (Un)fair or biased judges: "LLMs are biased evaluators".
  cue(
    'evaluation',
    0.8,
    ['fair', 'bias'],
    '\\b(?:un)?',
    '(?:ed)?(?<=fair|biased) (?:\\w+ )?(?:evaluators?|judges?|raters?|graders?|reviewers?)\\b',
  ),
  cue('evaluation', 0.7, ['favor', 'favour'], '\\b', '\\w* (?:their|its) own\\b', {
    needs: 'evaluation',
  }),
  cue('evaluation', 0.6, 'preference', '\\b', ' leakage\\b'),
  // Benchmarks or test sets leaked into training data bias what the scores say (21 of the 28
  // labelled titles this pattern matches are evaluation). Not in a paper about estimators: robust
  // statistics says "data contamination" too, of outliers; a title alone cannot tell the two.
  cue(
    'evaluation',
    0.7,
    'contaminat',
    '\\b(?:data|benchmark|test[- ]set|test[- ]data|evaluation|dataset)[- ]',
    '\\w*',
    { unless: 'statistical' },
  ),
  // Judges or reviewers that inflate scores (leniency), and metrics that can be gamed.
  cue(
    'evaluation',
    0.8,
    ['inflat', 'overrat'],
    '\\b',
    '\\w* (?:\\w+ ){0,2}?(?:scores?|ratings?|grades?|judg(?:e)?ments?|win[- ]rates?)\\b',
    { needs: 'evaluation' },
  ),
  cue(
    'evaluation',
    1.0,
    'gameable',
    '\\b',
    ' (?:metrics?|benchmarks?|leaderboards?|evaluations?)\\b',
  ),
  cue('evaluation', 0.8, 'bias', '\\b(?:position(?:al)?|length|style|stylistic|format)[- ]', B, {
    needs: 'evaluation',
  }),

  // ---- cognitive ----------------------------------------------------------------------------
  cue('cognitive', 1.0, 'bias', '\\bcognitive (?:de)?', '(?:es|ed|ing)?\\b'),
  cue('cognitive', 1.0, 'sycophan', '\\b', '\\w*'),
  // Named effects and biases of human judgement.
  cue(
    'cognitive',
    0.8,
    [
      'anchoring',
      'framing',
      'primacy',
      'recency',
      'decoy',
      'halo',
      'dunning-kruger',
      'overconfidence',
      'acquiescence',
    ],
    '\\b',
    ` (?:effects?\\b|bias${B})`,
  ),
  // Survey response biases of people, which models answering surveys show too; not biased
  // responses toward groups of people (social). A survey's non-response bias goes to the heavier
  // statistical cue.
  cue(
    'cognitive',
    0.8,
    'bias',
    '\\b(?:response|(?:social[- ])?desirability(?:[- ]response)?)[- ]',
    `${B}(?! (?:[\\w-]+ ){0,3}?(?:towards?|against)\\b)`,
  ),
  cue('cognitive', 1.0, 'bias', '\\bconfirmation ', B),
  cue('cognitive', 1.0, 'curse', '\\breversal ', '\\b'),
  cue(
    'cognitive',
    0.8,
    'order',
    '\\b(?:option[- ]|choice[- ]|premise[- ])?',
    `(?:ing)?[- ](?:sensitivity|effects?|bias${B}|dependence)`,
  ),
  cue('cognitive', 0.8, 'serial', '\\b', `[- ]position (?:effects?|bias${B})`),
  cue('cognitive', 0.8, 'bias', '\\b(?:belief|behaviou?ral) ', B),
  cue('cognitive', 0.8, 'content', '\\b', ' effects?\\b'),
  cue('cognitive', 0.8, 'human-like', '\\b', ` (?:cognitive )?(?:bias${B}|heuristics)`),
  cue('cognitive', 0.8, 'heuristic', '\\b(?:availability|representativeness) ', '\\b'),
  cue('cognitive', 0.8, 'heuristic', '\\b', `s and bias${B}`),
  cue('cognitive', 0.6, 'lost', '\\b', ' in the middle\\b'),
  cue('cognitive', 0.8, 'bias', '\\b(?:position(?:al)?|selection|label|token)[- ]', B, {
    needs: 'cognitive',
  }),
  // The position or option-selection bias of a language model itself (not of a judge or ranker
  // built on one, nor a tool's or a sample's selection) is an order effect in its answers.
  cue(
    'cognitive',
    0.8,
    'bias',
    '\\b(?:position(?:al)?|(?<!\\b(?:tool|samples?|sampling|data|model|feature) )(?<!\\bself-)selection)[- ]',
    '(?:es)? (?:in|of) (?:the )?(?:(?!(?:judges?|evaluators?|graders?|(?:re)?rank\\w*)\\b)[\\w-]+ ){0,2}?(?:\\w+-)?(?:llms?|language models?|vlms?|mllms?|lvlms?|reasoning models?)\\b(?![- ](?:based|as|judges?|evaluators?|graders?|rerank\\w*|rank\\w*|recommend\\w*|retriev\\w*|search|(?:pre-?)?training|fine-?tun\\w*|data|evaluations?|benchmarks?)\\b|(?: [\\w-]+){0,2}? (?:judges?|evaluators?|graders?|(?:re)?rankers?|recommenders?)\\b)',
  ),

  // ---- modality -----------------------------------------------------------------------------
  cue('modality', 0.9, 'prior', '\\b(?:language|text(?:ual)?|linguistic|uni-?modal) ', 's?\\b'),
  cue('modality', 0.7, 'reliance', '\\bvisual ', '\\b', { needs: 'modality' }),
  cue(
    'modality',
    0.8,
    'bias',
    '\\b(?:language|linguistic|text(?:ual)?|unimodal|uni-modal|visual|vision)[- ]',
    B,
    { needs: 'modality' },
  ),
  cue(
    'modality',
    0.8,
    'modality',
    '\\b',
    ' (?:bias(?:es)?|imbalance|gap|preference|dominance|laziness|competition|prior)\\b',
  ),
  cue(
    'modality',
    0.6,
    'reliance',
    '\\b(?:over-?|excessive )',
    ' on (?:the )?(?:\\w+ ){0,2}?(?:text|textual|language|linguistic)\\b',
  ),
  // Text-image alignment as the subject (its calibration or failure) is the misalignment topic.
  cue(
    'modality',
    0.55,
    ['alignment', 'consistency'],
    '\\b(?:(?:text|pixel)[- ](?:to[- ])?image|image[- ]text) ',
    '\\b',
  ),
  cue(
    'modality',
    0.7,
    'misalign',
    '\\b(?:text|image|pixel|visual|vision|cross-modal|multimodal|modality)[- ](?:\\w+[- ])?',
    '\\w*',
  ),
  cue('modality', 0.8, 'dominan', '\\b(?:text(?:ual)?|language|linguistic)[- ]', '\\w*', {
    needs: 'modality',
  }),
  cue('modality', 0.8, 'neglect', '\\bvisual ', '\\b'),
  // Imbalanced multimodal learning: one modality dominates training, the others are under-used.
  // Not "class-imbalanced multimodal learning" (a data bias).
  cue('modality', 0.8, 'balanced', '(?<!-)\\b(?:im|un)?', ' multi-?modal learning\\b'),
  cue('modality', 0.8, 'imbalance', '\\bmulti-?modal ', '\\b'),
  cue('modality', 0.7, 'hallucination', '\\b(?:language|(?:prompt|text)-induced) ', 's?\\b', {
    needs: 'modality',
  }),
  cue(
    'modality',
    0.6,
    ['neglect', 'ignor', 'overlook'],
    '\\b',
    '\\w* (?:the )?(?:visual|image)(?: (?:inputs?|information|content|evidence))?\\b',
  ),
  cue(
    'modality',
    0.7,
    ['favor', 'favour', 'preferring', 'prefers'],
    '\\b',
    '\\w* (?:the )?(?:text|textual|language|linguistic)(?: \\w+)? over (?:the )?(?:visual|image|vision)\\b',
  ),

  // ---- ranking ------------------------------------------------------------------------------
  cue('ranking', 1.0, 'bias', '\\b(?:popularity|click)[- ]', B),
  cue(
    'ranking',
    0.9,
    'bias',
    '\\b(?:exposure|presentation|trust|conformity|source|relevance|selection|position(?:al)?|rank(?:ing)?|item|retrieval|recommendation)[- ]',
    B,
    { needs: 'ranking' },
  ),
  cue(
    'ranking',
    1.0,
    'unbiased',
    '\\b',
    ' (?:learning[- ]to[- ]rank|recommend\\w*|ranking|retrieval)\\b',
    { key: 'unbiased-ranking' },
  ),
  cue('ranking', 1.0, 'debias', '\\b', '\\w* (?:recommend\\w*|rank\\w*|retriev\\w*|search)\\b', {
    key: 'unbiased-ranking',
  }),
  cue('ranking', 1.0, 'counterfactual', '\\b', ' learning[- ]to[- ]rank\\b', {
    key: 'unbiased-ranking',
  }),
  cue('ranking', 0.6, 'bubble', '\\bfilter ', 's?\\b'),
  cue(
    'ranking',
    0.8,
    'bias',
    '\\b',
    '(?:es)? (?:in|of) (?:the )?(?:[\\w-]+ ){0,3}?(?:recommend\\w*|rankings|retrieval|search results)\\b',
  ),
  cue(
    'ranking',
    0.9,
    'bias',
    '\\b',
    'ed by (?:\\w+ ){0,2}?(?:popularity|positions?|exposure|clicks?)\\b',
    {
      needs: 'ranking',
    },
  ),
  cue('ranking', 0.8, 'fair', '\\b(?:item|provider|exposure|ranking) ', 'ness\\b'),
  // Fairness in recommendation or ranking (of users, items or providers) is a ranking bias; it
  // outweighs the social fairness cue, so social needs its own evidence (gender, groups). "Fair"
  // or "fairness-aware" before the system, or "fairness" in, of or for it: not "fairness gains in
  // retrieval", a social fairness measured on a retrieval task, nor fairness in retrieval-augmented
  // generation or neural architecture search.
  cue(
    'ranking',
    0.8,
    'fair',
    '\\b',
    '(?:ness-\\w+|ness (?:in|of|for))? (?:[\\w-]+ ){0,3}?(?:recommend\\w*|(?:re-?)?rank\\w*|retriev\\w*(?![- ]augmented)|search (?:engines?|results))\\b',
  ),
  // A recommender's feedback loop (popular items shown, clicked, shown more); not a policing one.
  cue('ranking', 0.7, 'feedback', '\\b', '[- ]loops?\\b', { needs: 'ranking' }),
  cue('ranking', 0.5, 'rank', '\\b', '\\w* (?:\\w+ ){0,3}?(?:higher|lower) than\\b', {
    needs: 'ranking',
  }),

  // ---- statistical --------------------------------------------------------------------------
  cue(
    'statistical',
    0.9,
    'bias',
    '\\b(?:un)?',
    'ed (?:(?!data |training |and |in )[\\w-]+ ){0,2}?(?:estimat\\w+|gradients?|gradient estimat\\w+|objectives?)\\b',
  ),
  cue(
    'statistical',
    0.9,
    'bias',
    '\\b(?:estimators?|estimates?|gradients?|advantages?) (?:that )?(?:is|are|was|were|remains?|becomes?) (?:\\w+ )?(?:un)?',
    'ed\\b',
  ),
  cue(
    'statistical',
    0.9,
    'bias',
    '\\b(?:estimation|estimator|gradient|clipping|truncation|quantization|approximation|overestimation|underestimation|off-policy|discretization|finite-sample|small-sample|normalization|publication|attenuation|omitted[- ]variables?|confounding|non-?response)[- ]',
    B,
  ),
  cue(
    'statistical',
    0.8,
    'bias',
    '\\b(?:length|difficulty|response[- ]length|question-level difficulty|optimization|noise)[- ](?:un)?',
    B,
    // A reward model's length bias is an evaluation bias.
    { needs: 'statistical', unless: 'evaluation' },
  ),
  cue('statistical', 0.5, 'bias', '\\b', '[- ]variance\\b'),
  // "Class bias correction" corrects a data bias; a bare "bias correction" is an estimator's.
  cue(
    'statistical',
    0.5,
    'bias',
    '(?<!\\b(?:class|label|position|popularity|gender|exposure|selection|field) )\\b',
    '[- ]correct\\w*',
    { titleWeight: 0.6 },
  ),
  cue(
    'statistical',
    0.8,
    'bias',
    '(?<!(?:inductive|implicit|simplicity|spectral) )\\b',
    '(?:es)? (?:of|on|in) (?:the |an? )?(?:\\w+ ){0,2}?(?:estimators?|gradients?(?! descent)|estimates?|objective)\\b',
  ),
  cue(
    'statistical',
    0.8,
    'bias',
    '\\b',
    ' (?:introduced|induced|caused) by (?:the )?(?:clipping|truncation|sampling|quantization|approximation|discretization|estimator)\\b',
  ),
  cue(
    'statistical',
    0.8,
    'debias',
    '\\b',
    'ed (?:estimat\\w+|gradients?|objectives?|(?:/\\w+ )?machine learning|inference)\\b',
  ),
  cue('statistical', 0.7, 'unbiased', '\\b', 'ness\\b', { needs: 'statistical' }),
];

/**
 * Groups of people, and decisions about them (hiring, lending, justice). Equity of markets and
 * portfolios ("home bias in equity portfolios") is finance, not fairness.
 */
export const PEOPLE_SOURCE =
  '\\b(?:gender(?:ed)?|women|female|race|racial|ethnicit\\w*|religio\\w*|caste|non-binary|cisgender|transgender|lgbtq\\w*|sexual orientation|skin colou?r|skin tones?|disabilit\\w+|nationalit\\w+|occupation\\w*|political|demographic\\w*|identity groups?|toxic\\w*|hate(?:ful)?|offensive|inclusiv\\w+|inclusion|equitabl\\w+|(?<!private |brand )equity(?![- ](?:portfolios?|markets?|returns?|premi\\w+|prices?|funds?|investors?|options?|ind(?:ex|ices)|shares?|capital|risk|valuations?|analysts?))|equality|parity(?! with\\b)|societal|ethical|sensitive attributes?|hiring|recruit\\w*|job applicants?|resumes?|(?:fair|mortgage) lending|lending (?:decisions?|data)|loan approvals?|credit scoring|recidivism|criminal justice|policing)\\b';

export const CONTEXT_DEFS: readonly ContextDef[] = [
  {
    topic: 'social',
    weight: 0.1,
    source: PEOPLE_SOURCE,
  },
  // Bias in LLMs, vision-language or text-to-image models, with nothing more specific, is most
  // often social bias.
  {
    topic: 'social',
    weight: 0.05,
    source: '\\b(?:large )?language models?\\b|\\b(?:llms?|vlms?|lvlms?|text-to-image|t2i)\\b',
  },
  {
    topic: 'cultural',
    weight: 0.1,
    source:
      '\\b(?:languages|multilingual|cross-?lingual|cultures?|cultural|countries|regional|chinese|arabic|hindi|indian|african|german|japanese|korean|spanish|portuguese|indonesian|english|translation|translated|accents?)\\b',
  },
  {
    topic: 'data',
    weight: 0.05,
    source:
      '\\b(?:training data|data(?:sets?)?|training sets?|samples|labels|annotations?|heterogene\\w+|distributions?|classes|subgroups)\\b',
  },
  {
    topic: 'inductive',
    weight: 0.1,
    source:
      '\\b(?:gradient (?:descent|flow)|sgd|adam|momentum|optimi[sz]ers?|optimi[sz]ation|sharpness|minima|loss landscapes?|over-?parameteri[sz]\\w+|architectures?|generali[sz]\\w*|neural networks?|deep[- ]learning|gradient[- ]based|inductive|invarian\\w+|symmetr\\w+|cnns?|transformers?|separable|max(?:imum)?[- ]margin|matrix (?:factori[sz]ation|sensing|completion))\\b',
  },
  {
    topic: 'evaluation',
    weight: 0.15,
    source:
      '\\bllm[- ]as[- ]an?[- ]judges?\\b|\\b(?:llm|model|ai) judges?\\b|\\bjudge models?\\b|\\breward models?\\b|\\bprocess reward\\b|\\bprms?\\b|\\bself-rewarding\\b|\\bjudg(?:e|ing)\\b|\\bevaluators?\\b|\\bpeer[- ]review|\\b(?:reviewers?|referees?)\\b',
  },
  {
    topic: 'cognitive',
    weight: 0.15,
    source:
      '\\bmultiple[- ]choice\\b|\\banswer options?\\b|\\boption order\\b|\\bmcqs?\\b|\\border of (?:the )?(?:options|choices|examples|demonstrations|premises)\\b|\\bin-context (?:examples|learning)\\b|\\bhuman-like\\b|\\bpsycholog\\w*|\\blong[- ]context\\b|\\bcontext windows?\\b|\\bin the middle\\b',
  },
  {
    topic: 'modality',
    weight: 0.1,
    source:
      '\\b(?:vision[- ]language|vlms?|lvlms?|mllms?|multimodal|multi-modal|vqa|visual question|visual|text-to-image|t2i)\\b',
  },
  {
    topic: 'ranking',
    weight: 0.1,
    source:
      '\\b(?:recommend\\w*|(?:re)?rank\\w*|retriev\\w*|search engines?|web search|click\\w*|learning[- ]to[- ]rank|information retrieval|implicit feedback|collaborative filtering|ctr|logged (?:\\w+ )?data|interaction (?:logs?|data))\\b',
  },
  {
    topic: 'statistical',
    weight: 0.1,
    source:
      '\\b(?:estimators?|variance|policy gradient|importance (?:sampling|weights?)|off-policy|grpo|ppo|dpo|(?:preference|policy) optimi[sz]ation|reinforcement learning|rl|rlhf|monte carlo|objectives?|clipping|convergence|lasso|semiparametric|treatment effects?|asymptotic\\w*|confidence intervals?|stochastic optimi[sz]ation|mini-?batch(?:es)?|(?:parameter|mean|effect) estimat\\w+)\\b',
  },
];

/**
 * Words of machine learning. A "bias" that no cue names goes to a topic only in a paper that has
 * them, or that acts on the bias ("debiasing"): in a physics, biology or economics abstract a bare
 * "bias" is a voltage, a codon usage, a tracer of matter or a time preference, none of them a topic.
 */
export const MACHINE_LEARNING_SOURCE =
  '\\b(?:machine learning|deep learning|neural|llms?|language models?|datasets?|training|trained|classifi\\w+|fine-tun\\w+|benchmarks?|ai|artificial intelligence|recommend\\w+|nlp|transformers?|embeddings?|supervised|learn(?:ing|ed|s)?|algorithm(?:s|ic)?|predictive)\\b';

/** Paper-level conditions of cues (`CueDef.gate`). */
export const GATES = {
  /** A gap, a bias or its remedy: what turns a descriptor of languages into a disparity. */
  disparity:
    '\\b(?:\\w*bias\\w*|gaps?|disparit\\w+|inequ\\w+|unequal\\w*|underperform\\w*|(?:lag\\w*|left|fall\\w*|fell) behind|\\w*fair\\w*|inclusiv\\w+|marginali[sz]\\w+|disadvantag\\w+|struggl\\w+|worse|poor(?:ly|er)?)\\b',
  /**
   * Groups of people, or decisions about them, named: what makes a "bias of LLMs" or a
   * "discrimination" social, where the model's own leanings (order, framing, values) and telling
   * classes apart are not.
   */
  groups: `${PEOPLE_SOURCE}|\\b(?:social identit\\w*|(?:marginali[sz]ed|minority|minorities|underrepresented|protected|social|identity) (?:groups?|identit\\w*|communit\\w*|populations?)|between-group|stereotyp\\w*|prejudic\\w*)\\b`,
  /** People, or a bias: what makes "fairness" a social topic. */
  people: `${PEOPLE_SOURCE}|\\b(?:\\w*bias|discriminat)`,
  /** Machine learning: equivariance as a network's prior, not a cohomology theory's. */
  ml: MACHINE_LEARNING_SOURCE,
} as const;

export type GateId = keyof typeof GATES;

/** An anchored pattern that is not a cue: a sense of "bias" to ignore, a mention, an action. */
export interface AnchoredDef {
  anchors: readonly string[];
  pre: string;
  post: string;
  /**
   * A not-a-topic sense that, once used, is the paper's sense of every bare "bias" too (one sense
   * per discourse): an odometry paper's "IMU bias" makes its later "estimate the bias" the
   * sensor's. Cues still count. Not for phrasing any bias paper may use ("biased towards" cost
   * three right badges). A fairness paper that logs runs with "Weights & Biases" loses its bare
   * mentions too; applying the sense only to papers naming no people added two wrong badges.
   */
  paperWide?: true;
}

/**
 * Senses of "bias" that are not a bias topic: model parameters, electrical/physical bias, a loss
 * named "bias loss", generic "biased toward X" phrasing, biased coins in toy tasks. Cue matches
 * overlapping one of these are dropped.
 */
export const NOT_A_TOPIC_DEFS: readonly AnchoredDef[] = [
  { anchors: ['bias'], pre: '\\b(?:weights?|gains?) and ', post: '(?:es)?\\b', paperWide: true },
  { anchors: ['bias'], pre: '\\b', post: '(?:es)? and (?:weights?|gains?)\\b', paperWide: true },
  // Contextual biasing in speech recognition: boosting a list of words or phrases.
  {
    anchors: ['bias'],
    pre: '\\b',
    post: '(?:ed|ing)?[- ](?:words?|phrases?|lists?)\\b',
    paperWide: true,
  },
  {
    anchors: ['bias'],
    pre: '\\b',
    post: `(?:es)?["')]*[- ](?:terms?|vectors?|parameters?|units?|nodes?|neurons?|weights?|tuning|only[- ](?:adaptation|fine-?tuning|tuning)|initiali[sz]ation|voltages?|currents?|fields?|dependen\\w*|points?|magnet\\w*|loss(?:es)?|tees?|free (?:convolutional|cnns?|denois\\w+|networks?|architectures?|layers?))\\b`,
    paperWide: true,
  },
  // Electronics, magnetism, attention layers; cosmology's bias, how galaxies or haloes trace the
  // matter field ("halo bias", "scale-dependent bias": astro-ph, not a prejudice; "halo effect"
  // stays a cognitive cue); and the slant of news media, which a paper detects, not a model's.
  {
    anchors: ['bias'],
    pre: '\\b(?:forward|reverse|exchange|dc|gate|media|news|substrate|applied|learnable|additive|projection|imu|sensor|gyro(?:scope)?|accelerometer|relative position(?:al)?|attention|alibi|halo|galaxy|tracer|assembly|secondary|scale[- ]dependent|lagrangian|eulerian|tidal)[- ]',
    post: '(?:es|ed|ing)?\\b',
    paperWide: true,
  },
  // The political slant of news that a paper detects or profiles, not a model's bias.
  {
    anchors: ['bias'],
    pre: '\\b(?:political|ideological|partisan)[- ]',
    // No model among the words between: "political bias of LLMs in news generation" is the model's.
    post: '(?:es)?(?:(?= (?:in|of|across) (?:the )?(?:(?!(?:llms?|language|models?|gpt[\\w.-]*|chatbots?|[\\w-]+-generated)\\b)[\\w-]+ ){0,2}?(?:news|articles?|outlets?|media|headlines?|press|newspapers?|sources?|journalis\\w+)\\b)|[- ](?:detection|classification|prediction)\\b(?! (?:in|of) (?:the )?(?:[\\w-]+ ){0,2}?(?:llms?|language models?|gpt[\\w.-]*|chatbots?|models?|outputs?)\\b))',
    paperWide: true,
  },
  // Learned offsets added per layer ("layer-wise biases that amplify hidden features"); a
  // layer-wise bias analysis of a model's fairness stays a mention.
  { anchors: ['bias'], pre: '\\blayer-?wise ', post: 'es\\b', paperWide: true },
  { anchors: ['bias'], pre: '\\b', post: 'ed (?:towards?|in favou?r of)\\b' },
  // The verb: "normalization biases residual blocks towards the identity".
  {
    anchors: ['bias'],
    pre: '\\b',
    post: 'es (?:(?!(?:of|in|from|against|and|or)\\b)[\\w-]+ ){1,3}?towards?\\b',
  },
  // Metrics named after their weighting: rank-biased overlap, rank-biased precision.
  { anchors: ['bias'], pre: '\\brank[- ]', post: 'ed\\b' },
  // A watermark that keeps the model's output distribution, a property of the sampler.
  { anchors: ['bias'], pre: '\\bun', post: 'ed,? (?:[\\w-]+ ){0,2}?watermark\\w*' },
  // Fairness among what a system shares out, not among people: jobs of a scheduler, GPUs of a
  // cluster, agents finding paths ("fair resource allocation", "client fairness"). Not "fair
  // federated learning", which is as often about groups of people as about clients.
  {
    anchors: ['fair'],
    pre: '\\b(?:client|agent|resource|job)s?[- ]',
    post: '(?:ness)?\\b',
  },
  {
    anchors: ['fair'],
    pre: '\\b',
    post: '(?:ness|ly|er)?[- ](?:(?!and\\b|or\\b)[\\w-]+ ){0,3}?(?:clients?|resource|allocation|scheduling|serving|traffic|multi-agent|agents?|path[- ]finding|bandits?|gpus?|clusters?|energy|wireless|bandwidth|queu\\w*)\\b',
  },
  // Clinical trial appraisal ("risk of bias assessment"), not a bias the paper studies.
  { anchors: ['bias'], pre: '\\brisk[- ]of[- ]', post: '\\b' },
  {
    anchors: ['bias'],
    pre: '\\b(?:coin|die|dice)s? (?:is |are |was |were )?',
    post: 'ed\\b',
    paperWide: true,
  },
  {
    anchors: ['bias'],
    pre: '\\b',
    post: 'ed (?:coins?|dice|die|random walks?)\\b',
    paperWide: true,
  },
];

/** A bare mention of bias: counted when no topic cue claims it. */
export const BIAS_MENTION_DEF: AnchoredDef = {
  anchors: ['bias'],
  // Not "exposure bias" unless a cue claims it (recommenders): a model trained on gold inputs
  // and run on its own (text generation, diffusion sampling) is no taxonomy kind. Not a bare
  // "biasing" either: steering a decoder toward a phrase list (speech recognition).
  pre: '(?<!\\bexposure )\\b(?:de|un)?',
  post: '(?:es|ed|(?<=debias)ing)?\\b',
};

/** Mentions that act on a bias ("debiasing", "mitigate … bias"): the paper is about it. */
export const BIAS_ACTION_DEFS: readonly AnchoredDef[] = [
  { anchors: ['bias'], pre: '\\bde', post: '\\w*' },
  {
    anchors: ['bias'],
    pre: '\\b',
    post: '[- ](?:mitigation|reduction|removal|elimination|elicitation|detection|measurement|evaluation|analysis|aware|free|invariant|robust)\\w*',
  },
  {
    anchors: ['bias'],
    // `\b(?=stem)\w+`, not `\b(?:stem)\w*`: read backwards, the lookbehind then tries the stems
    // once per word, not once per letter (half the cost, at every "bias" of every abstract).
    pre: '\\b(?=mitigat|reduc|eliminat|remov|alleviat|tackl|counteract|combat|correct|identif|quantif|measur|characteri[sz])\\w+(?:\\W+\\w+){0,3}?\\W+',
    post: '(?:es)?\\b',
  },
];

/**
 * Sentences about earlier work ("While much research has explored demographic biases, …"): a
 * cue seen only there, or in the first sentence, is background, not the paper's subject.
 */
export const EARLIER_WORK_SENTENCE_SOURCE =
  '\\b(?:(?:prior|previous|existing|earlier|much|most|many) (?:\\w+ )?(?:research|works?|studies|literature|approaches|methods|efforts)|ha(?:s|ve) (?:been )?(?:widely |extensively |largely )?(?:explored|studied|investigated|examined))\\b';

/** Sentences that state the paper's own contribution; a bias mentioned there is its subject. */
export const SUBJECT_SENTENCE_SOURCE =
  '(?:this (?:paper|work|study)|we (?:propose|introduce|present|identify|address|tackle|study|investigate|examine|analy[sz]e|focus|reveal|quantify|measure|mitigate|reduce|reexamine|re-examine)|our (?:method|approach|framework|work|study))\\b';

/**
 * Everything the classifier reads from this file, as one piece of plain data: the background
 * sends it to content scripts with the learned model (lib/topics/engine.ts), which keeps these
 * 22 KB out of the content script's bundle, and `classify` (classify.ts) uses it in the tools.
 */
export interface CueTable {
  cues: readonly CueDef[];
  notATopic: readonly AnchoredDef[];
  mention: AnchoredDef;
  actions: readonly AnchoredDef[];
  contexts: readonly ContextDef[];
  gates: Readonly<Record<GateId, string>>;
  people: string;
  machineLearning: string;
  earlierWork: string;
  subject: string;
}

export const CUE_TABLE: CueTable = {
  cues: CUE_DEFS,
  notATopic: NOT_A_TOPIC_DEFS,
  mention: BIAS_MENTION_DEF,
  actions: BIAS_ACTION_DEFS,
  contexts: CONTEXT_DEFS,
  gates: GATES,
  people: PEOPLE_SOURCE,
  machineLearning: MACHINE_LEARNING_SOURCE,
  earlierWork: EARLIER_WORK_SENTENCE_SOURCE,
  subject: SUBJECT_SENTENCE_SOURCE,
};
