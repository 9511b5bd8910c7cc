/**
 * `npm run demo`: Chromium with the built extension on the bundled real listing pages, served at
 * their real URLs. With a display it opens a window to browse; without one (or with --headless)
 * it writes screenshots to demo-output/ and prints, per page, the cards found and the topics given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, readCards, waitForCards } from '../tests/e2e/harness';
import { PAGES } from '../tests/e2e/pages';
import { screenshotListing } from '../tests/e2e/screenshots';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const outDir = resolve('demo-output');

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  console.log('No build yet: building the Chrome extension first...');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const session = await launchWithExtension({ fixtures: PAGES, headless });

if (!headless) {
  const [first, ...rest] = PAGES.filter((page) => page.cards > 0);
  const blank = session.context.pages()[0] ?? (await session.context.newPage());
  if (first) await blank.goto(first.url);
  for (const fixture of rest) await (await session.context.newPage()).goto(fixture.url);
  console.log(`Opened ${PAGES.length - 1} pages in Chromium with BiasLens loaded.`);
  console.log(
    'Click the puzzle icon to pin BiasLens and open its popup. Close the window to quit.',
  );
  await new Promise<void>((done) => session.context.on('close', () => done()));
} else {
  mkdirSync(outDir, { recursive: true });
  const rows: string[][] = [];
  for (const fixture of PAGES) {
    const page = await session.context.newPage();
    await page.goto(fixture.url);
    await waitForCards(page, fixture.cards);
    const cards = await readCards(page);
    const counts = new Map<string, number>();
    for (const card of cards) {
      for (const topic of card.topics.split(' ').filter(Boolean))
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    const file = join(outDir, `${fixture.name}.png`);
    if (cards.length > 0) {
      await screenshotListing(
        page,
        fixture.url.includes('arxiv.org') ? 'arxiv' : 'huggingface',
        file,
      );
    } else {
      await page.screenshot({ path: file });
    }
    const topics = [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`);
    rows.push([fixture.name, String(cards.length), topics.join(', ') || '-', fixture.url]);
    await page.close();
  }
  const header = ['page', 'cards', 'topics (cards)', 'url'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\nScreenshots: ${outDir}/`);
  await session.close();
}
