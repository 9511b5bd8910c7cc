import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { classifyLines, processLine } from '../../lib/topics/batch';

describe('processLine', () => {
  it('classifies a good line with scores rounded to 2 decimals', () => {
    const r = processLine(JSON.stringify({ title: 'Mitigating Gender Bias in LLMs' }), 1);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const parsed = JSON.parse(r.output) as {
      topics: { id: string; score: number; evidence: string[] }[];
    };
    expect(parsed.topics.map((t) => t.id)).toEqual(['social']);
    const score = parsed.topics[0]?.score ?? 0;
    expect(Math.round(score * 100) / 100).toBe(score);
    expect(parsed.topics[0]?.evidence).toEqual(['Gender Bias']);
  });

  it('gives an empty topic list for an unrelated paper', () => {
    expect(processLine('{"title":"Scaling Laws","abstract":"We fit scaling laws."}', 1)).toEqual({
      kind: 'ok',
      output: '{"topics":[]}',
    });
  });

  it('skips blank lines', () => {
    expect(processLine('', 4)).toEqual({ kind: 'skip' });
    expect(processLine('   \t', 4)).toEqual({ kind: 'skip' });
  });

  it.each([
    ['not json', 'line 3: invalid JSON'],
    ['[1,2]', 'line 3: expected a JSON object'],
    ['"title"', 'line 3: expected a JSON object'],
    ['{"abstract":"x"}', 'line 3: missing or non-string "title"'],
    ['{"title":42}', 'line 3: missing or non-string "title"'],
    ['{"title":"x","abstract":5}', 'line 3: "abstract" must be a string'],
  ])('reports a bad line naming its number: %s', (line, message) => {
    const r = processLine(line, 3);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.message.startsWith(message)).toBe(true);
    expect(JSON.parse(r.output)).toEqual({ error: r.message });
  });

  it('accepts a null abstract as absent', () => {
    expect(processLine('{"title":"Scaling Laws","abstract":null}', 1).kind).toBe('ok');
  });
});

describe('classifyLines', () => {
  it('keeps order, skips blanks, reports bad lines and counts them', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const summary = await classifyLines(
      [
        '{"title":"Popularity Bias in Recommender Systems"}',
        '',
        'oops',
        '{"title":"Scaling Laws"}',
      ],
      (l) => out.push(l),
      (m) => err.push(m),
    );
    expect(summary).toEqual({ lines: 4, classified: 2, bad: 1 });
    expect(out).toHaveLength(3);
    expect(out[0]).toContain('"ranking"');
    expect(out[1]).toContain('line 3: invalid JSON');
    expect(out[2]).toBe('{"topics":[]}');
    expect(err).toHaveLength(1);
    expect(err[0]?.startsWith('line 3: invalid JSON')).toBe(true);
  });

  it('reads async iterables (streams)', async () => {
    async function* lines() {
      yield '{"title":"Mitigating Gender Bias in LLMs"}';
      yield '{"title":"Spurious Correlations in Medical Imaging"}';
    }
    const out: string[] = [];
    const summary = await classifyLines(
      lines(),
      (l) => out.push(l),
      () => {},
    );
    expect(summary.bad).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { topics: { id: string }[] }).topics[0]?.id)).toEqual([
      'social',
      'data',
    ]);
  });
});

describe('scripts/classify.ts (spawned)', () => {
  it('streams stdin to stdout, reports bad lines on stderr and exits 1', () => {
    const input = [
      '{"title":"Mitigating Gender Bias in LLMs"}',
      '',
      '{"title":3}',
      '{"title":"Scaling Laws"}',
      '',
    ].join('\n');
    const run = spawnSync('npx', ['tsx', 'scripts/classify.ts', '-'], {
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ topics: [{ id: 'social' }] });
    expect(JSON.parse(lines[1] as string)).toEqual({
      error: 'line 3: missing or non-string "title"',
    });
    expect(JSON.parse(lines[2] as string)).toEqual({ topics: [] });
    expect(run.stderr).toContain('line 3: missing or non-string "title"');
  }, 60_000);

  it('exits 0 when every line is good', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/classify.ts', '-'], {
      input: '{"title":"Scaling Laws"}\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('{"topics":[]}\n');
  }, 60_000);
});
