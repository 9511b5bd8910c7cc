import { type ClassifyOptions, classify } from './classify';
import type { TopicMatch } from './types';

/** What one input line of the batch CLI becomes. */
export type LineResult =
  /** A blank line: no output. */
  | { kind: 'skip' }
  | { kind: 'ok'; output: string }
  /** `output` is `{"error":"..."}`, written in place of the result to keep lines aligned. */
  | { kind: 'error'; output: string; message: string };

/** A topic as printed by the CLI: the score rounded to 2 decimals. */
export interface PrintedTopic {
  id: TopicMatch['id'];
  score: number;
  evidence: string[];
}

/**
 * Classifies one JSONL line (`{"title": ..., "abstract"?: ...}`). Pure: the caller numbers the
 * lines and writes the output. Errors name the line: `line 3: invalid JSON: ...`.
 */
export function processLine(
  line: string,
  lineNumber: number,
  options?: ClassifyOptions,
): LineResult {
  if (line.trim() === '') return { kind: 'skip' };
  const fail = (reason: string): LineResult => {
    const message = `line ${lineNumber}: ${reason}`;
    return { kind: 'error', message, output: JSON.stringify({ error: message }) };
  };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return fail(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('expected a JSON object with "title"');
  }
  const record = value as Record<string, unknown>;
  if (typeof record.title !== 'string') return fail('missing or non-string "title"');
  if (
    record.abstract !== undefined &&
    record.abstract !== null &&
    typeof record.abstract !== 'string'
  ) {
    return fail('"abstract" must be a string when present');
  }
  const abstract = typeof record.abstract === 'string' ? record.abstract : undefined;
  const topics: PrintedTopic[] = classify({ title: record.title, abstract }, options).map((t) => ({
    id: t.id,
    score: Math.round(t.score * 100) / 100,
    evidence: t.evidence,
  }));
  return { kind: 'ok', output: JSON.stringify({ topics }) };
}

/** Counts of a batch run. */
export interface BatchSummary {
  lines: number;
  classified: number;
  bad: number;
}

/**
 * Classifies a stream of lines in order, writing one output line per non-blank input line and one
 * message per bad line. Streaming: memory does not grow with the input.
 */
export async function classifyLines(
  lines: AsyncIterable<string> | Iterable<string>,
  writeOut: (line: string) => void,
  writeErr: (message: string) => void,
  options?: ClassifyOptions,
): Promise<BatchSummary> {
  const summary: BatchSummary = { lines: 0, classified: 0, bad: 0 };
  for await (const line of lines) {
    summary.lines++;
    const result = processLine(line, summary.lines, options);
    if (result.kind === 'skip') continue;
    writeOut(result.output);
    if (result.kind === 'error') {
      summary.bad++;
      writeErr(result.message);
    } else summary.classified++;
  }
  return summary;
}
