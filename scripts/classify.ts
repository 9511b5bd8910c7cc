/**
 * Batch classifier: `npm run --silent classify -- FILE.jsonl` (FILE `-` reads stdin).
 *
 * Input: one JSON object per line with `title` (string) and optional `abstract` (string).
 * Output: one line per non-blank input line, in order: `{"topics":[{"id","score","evidence"}]}`
 * (scores rounded to 2 decimals). Blank lines are skipped silently (no output line). A bad line
 * (invalid JSON, missing/non-string title, non-string abstract) prints `line N: reason` on stderr
 * and `{"error":"line N: reason"}` on stdout, so output stays aligned with the non-blank input;
 * the other lines are still classified. Exit code: 0 if every line was good, 1 if any was bad,
 * 2 on a usage or read error.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { classifyLines } from '../lib/topics/batch';
import { shippedTopicModel } from '../lib/topics/shipped-model';

const USAGE = `usage: classify FILE.jsonl   (FILE "-" reads standard input)
Reads {"title": string, "abstract"?: string} per line; writes {"topics":[...]} per line.
Blank lines give no output. A bad line gives {"error":"line N: ..."} and a message on stderr;
exit code 1 if any line was bad.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
    process.stderr.write(`${USAGE}\n`);
    return args[0] === '-h' || args[0] === '--help' ? 0 : 2;
  }
  const file = args[0] as string;
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const out: string[] = [];
  const flush = () => {
    if (out.length > 0) {
      process.stdout.write(`${out.join('\n')}\n`);
      out.length = 0;
    }
  };
  try {
    const summary = await classifyLines(
      lines,
      (line) => {
        out.push(line);
        if (out.length >= 512) flush();
      },
      (message) => process.stderr.write(`${message}\n`),
      { model: shippedTopicModel() },
    );
    flush();
    return summary.bad > 0 ? 1 : 0;
  } catch (err) {
    flush();
    process.stderr.write(
      `classify: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
}

main().then((code) => {
  process.exitCode = code;
});
