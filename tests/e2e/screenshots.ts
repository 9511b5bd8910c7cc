import type { Page } from 'playwright-core';

/**
 * The fixtures' own stylesheets are not part of the saved pages (and the machine is offline), so
 * for the README screenshots we add a small stand-in stylesheet that lays the page out legibly.
 * It only touches the page's elements: our UI lives in shadow roots that page CSS cannot reach,
 * so the badges and buttons appear exactly as the extension draws them.
 */
const STAND_IN_CSS: Record<'arxiv' | 'huggingface', string> = {
  arxiv: `
    body { font: 15px/1.45 "DejaVu Serif", Georgia, serif; margin: 0; color: #000; background: #fff; }
    header, footer, .skip-link, #cu-identity, .mobile-header, .column.sidebar { display: none !important; }
    svg, img { display: none !important; }
    #content { max-width: 980px; margin: 16px auto; padding: 0 16px; }
    h1 { font-size: 22px; margin: 4px 0; } h3 { font-size: 17px; margin: 12px 0 4px; }
    dl#articles { margin: 0; } dt { margin-top: 14px; font-weight: normal; }
    dd { margin: 2px 0 0 0; } .list-title { font-size: 17px; font-weight: bold; }
    .descriptor { display: none; } .list-authors a { color: #0645ad; }
    .list-subjects, .list-comments { font-size: 13px; color: #444; } p.mathjax { margin: 4px 0; font-size: 14px; }
  `,
  huggingface: `
    body { font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; margin: 0; background: #f9fafb; color: #111827; }
    header, footer, nav, dialog { display: none !important; }
    svg, img { display: none !important; }
    section.container { max-width: 1180px; margin: 16px auto; padding: 0 16px; }
    section.container > div { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
    article { background: #fff; border: 1px solid #e5e7eb; border-radius: 12px; padding: 12px 16px; }
    article > a:first-child { display: none; } article a { color: #111827; text-decoration: none; }
    article h3 { font-size: 16px; margin: 0 0 6px; } ul { list-style: none; padding: 0; display: inline; }
    li { display: inline; } [role="checkbox"] { display: none; }
    article div { margin: 0; }
  `,
};

/** Screenshot of the top of an annotated listing, laid out with the stand-in stylesheet. */
export async function screenshotListing(page: Page, site: 'arxiv' | 'huggingface', path: string) {
  await page.addStyleTag({ content: STAND_IN_CSS[site] });
  const first = page.locator('[data-biaslens-paper]').first();
  await first.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const card = document.querySelector('[data-biaslens-paper]');
    const top = (card?.getBoundingClientRect().top ?? 0) + window.scrollY;
    window.scrollTo(0, Math.max(0, top - 140));
  });
  await page.screenshot({ path });
}
