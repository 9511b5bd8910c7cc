import { TOPIC_IDS, type TopicId } from '../paper';

/** One labelled paper with the classifier's answer. */
export interface LabelledPrediction {
  gold: readonly TopicId[];
  predicted: readonly TopicId[];
}

/** Counts and rates for one topic (or for all topics pooled). */
export interface PrfScores {
  tp: number;
  fp: number;
  fn: number;
  /** Papers that truly have the topic. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Evaluation of a set of predictions. */
export interface TopicReport {
  papers: number;
  perTopic: Record<TopicId, PrfScores>;
  /** Pooled over all topics (micro average). */
  micro: PrfScores;
  /** Unweighted mean of the per-topic F1 over topics with support or predictions. */
  macroF1: number;
  /** Papers whose predicted set equals the gold set. */
  exactMatch: number;
  /** Of the papers given no topic, how many truly have none. */
  noTopic: { predicted: number; correct: number; precision: number };
}

/** Precision, recall and F1 from counts; an empty denominator gives 1 (nothing to get wrong). */
export function prf(tp: number, fp: number, fn: number): PrfScores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
  return { tp, fp, fn, support: tp + fn, precision, recall, f1 };
}

/** Per-topic and micro precision/recall/F1, exact match and precision of "no topic". */
export function evaluateTopics(rows: readonly LabelledPrediction[]): TopicReport {
  const counts = new Map<TopicId, { tp: number; fp: number; fn: number }>(
    TOPIC_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]),
  );
  let exactMatch = 0;
  let noTopicPredicted = 0;
  let noTopicCorrect = 0;
  for (const row of rows) {
    const gold = new Set(row.gold);
    const predicted = new Set(row.predicted);
    for (const id of TOPIC_IDS) {
      const c = counts.get(id) as { tp: number; fp: number; fn: number };
      const g = gold.has(id);
      const p = predicted.has(id);
      if (g && p) c.tp++;
      else if (p) c.fp++;
      else if (g) c.fn++;
    }
    if (gold.size === predicted.size && [...gold].every((id) => predicted.has(id))) exactMatch++;
    if (predicted.size === 0) {
      noTopicPredicted++;
      if (gold.size === 0) noTopicCorrect++;
    }
  }
  const perTopic = {} as Record<TopicId, PrfScores>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let f1Sum = 0;
  let f1Topics = 0;
  for (const id of TOPIC_IDS) {
    const c = counts.get(id) as { tp: number; fp: number; fn: number };
    perTopic[id] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    if (c.tp + c.fp + c.fn > 0) {
      f1Sum += perTopic[id].f1;
      f1Topics++;
    }
  }
  return {
    papers: rows.length,
    perTopic,
    micro: prf(tp, fp, fn),
    macroF1: f1Topics === 0 ? 1 : f1Sum / f1Topics,
    exactMatch,
    noTopic: {
      predicted: noTopicPredicted,
      correct: noTopicCorrect,
      precision: noTopicPredicted === 0 ? 1 : noTopicCorrect / noTopicPredicted,
    },
  };
}

/** The report as a fixed-width text table (per topic, then micro, macro and "no topic"). */
export function formatReport(report: TopicReport, heading: string): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    heading,
    `${'topic'.padEnd(12)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'f1'.padStart(6)} ${'support'.padStart(7)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
  ];
  const row = (name: string, s: PrfScores) =>
    `${name.padEnd(12)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(7)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
  for (const id of TOPIC_IDS) lines.push(row(id, report.perTopic[id]));
  lines.push(row('micro', report.micro));
  lines.push(`macro-F1 ${pct(report.macroF1)}   exact match ${report.exactMatch}/${report.papers}`);
  lines.push(
    `no topic: precision ${pct(report.noTopic.precision)} (${report.noTopic.correct}/${report.noTopic.predicted} papers given no topic truly have none)`,
  );
  return lines.join('\n');
}
