import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Annotator } from '../../lib/annotate/annotator';
import {
  card,
  classifyByTitle,
  FakePort,
  immediateScheduler,
  settle,
  toyAdapter,
} from './annotator-fakes';

describe('Annotator', () => {
  let controller: AbortController;
  let port: FakePort;
  let annotator: Annotator;
  const log = vi.fn();

  beforeEach(() => {
    document.body.innerHTML = `<ul id="list">${card('2406.00001', 'Gender bias in LLMs')}${card('2406.00002', 'Sparse attention')}</ul>`;
    controller = new AbortController();
    port = new FakePort();
    log.mockReset();
    annotator = new Annotator({
      doc: document,
      adapter: toyAdapter,
      classify: classifyByTitle,
      port,
      signal: controller.signal,
      scheduler: immediateScheduler(),
      log,
    });
  });
  afterEach(() => controller.abort());

  const cards = () => [...document.querySelectorAll('li.paper')];

  it('annotates every card once, with the contract attributes and one host each', async () => {
    port.saved.add('arxiv:2406.00002');
    annotator.start();
    await settle(annotator);
    const [first, second] = cards();
    expect(first?.getAttribute('data-biaslens-paper')).toBe('arxiv:2406.00001');
    expect(first?.getAttribute('data-biaslens-topics')).toBe('social');
    expect(first?.getAttribute('data-biaslens-saved')).toBe('false');
    expect(second?.getAttribute('data-biaslens-topics')).toBe('');
    expect(second?.getAttribute('data-biaslens-saved')).toBe('true');
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(2);
    expect(document.documentElement.getAttribute('data-biaslens-cards')).toBe('2');
    // The digest, asked for while the page loads, then one question about the papers the
    // database knows: the saved one.
    expect(port.pageStateCalls).toEqual([[], ['arxiv:2406.00002']]);
  });

  it('annotates the first cards within start() once the settings came during loading', async () => {
    annotator.prepare();
    await new Promise((resolve) => setTimeout(resolve, 0));
    annotator.start();
    // Synchronously: the page's first rendering after DOMContentLoaded shows the badges.
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(2);
    expect(cards()[0]?.getAttribute('data-biaslens-topics')).toBe('social');
    await settle(annotator);
    expect(port.configCalls).toHaveLength(1);
    expect(port.digestCalls).toBe(1);
  });

  it('renders badges and the Save button inside an open shadow root, as text', async () => {
    annotator.start();
    await settle(annotator);
    const root = cards()[0]?.querySelector('biaslens-card')?.shadowRoot;
    expect(root?.mode).toBe('open');
    expect(root?.querySelector('.badge')?.textContent).toBe('Social');
    expect(root?.querySelector('button.save')?.textContent).toBe('Save');
  });

  it('annotates cards added later exactly once and leaves the others untouched', async () => {
    annotator.start();
    await settle(annotator);
    const firstHost = cards()[0]?.querySelector('biaslens-card');
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00003', 'New one'));
    await settle(annotator);
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(3);
    expect(cards()[0]?.querySelector('biaslens-card')).toBe(firstHost);
    expect(document.documentElement.getAttribute('data-biaslens-cards')).toBe('3');
  });

  describe('saved state of cards added later', () => {
    const add = (id: string, title = 'Later') =>
      document.getElementById('list')?.insertAdjacentHTML('beforeend', card(id, title));
    const savedAttr = (id: string) =>
      document
        .querySelector(`[data-biaslens-paper="arxiv:${id}"]`)
        ?.getAttribute('data-biaslens-saved');

    it('asks nothing about papers the database certainly does not know', async () => {
      annotator.start();
      await settle(annotator);
      expect(port.digestCalls).toBe(1);
      add('2406.00003');
      add('2406.00004');
      await settle(annotator);
      expect(port.pageStateCalls).toHaveLength(1);
      expect(savedAttr('2406.00003')).toBe('false');
      expect(document.documentElement.getAttribute('data-biaslens-cards')).toBe('4');
    });

    it('asks about a paper the database knows, and shows it saved', async () => {
      port.saved.add('arxiv:2406.00009');
      annotator.start();
      await settle(annotator);
      add('2406.00009');
      add('2406.00003');
      await settle(annotator);
      expect(port.pageStateCalls.at(-1)).toEqual(['arxiv:2406.00009']);
      expect(savedAttr('2406.00009')).toBe('true');
      expect(savedAttr('2406.00003')).toBe('false');
    });

    it('asks about papers saved or corrected elsewhere after the digest came', async () => {
      annotator.start();
      await settle(annotator);
      // Another tab saves one paper and corrects another: the broadcasts reach this tab.
      port.saved.add('arxiv:2406.00005');
      annotator.applySavedChange(['arxiv:2406.00005'], true);
      port.corrections.set('arxiv:2406.00006', {
        id: 'arxiv:2406.00006',
        added: ['evaluation'],
        removed: [],
      });
      annotator.applyCorrectionChange('arxiv:2406.00006', { added: ['evaluation'], removed: [] });
      add('2406.00005');
      add('2406.00006');
      await settle(annotator);
      expect(port.pageStateCalls.at(-1)).toEqual(['arxiv:2406.00005', 'arxiv:2406.00006']);
      expect(savedAttr('2406.00005')).toBe('true');
      expect(
        document
          .querySelector('[data-biaslens-paper="arxiv:2406.00006"]')
          ?.getAttribute('data-biaslens-topics'),
      ).toBe('evaluation');
    });

    it('asks again after a save broadcast that may not list every id of the paper', async () => {
      annotator.start();
      await settle(annotator);
      // Saved (or restored, imported) elsewhere under its DOI; the arXiv id came with it.
      port.saved.add('arxiv:2406.00008');
      annotator.applySavedChange(['doi:10.1145/3442188.3445922'], true);
      await settle(annotator);
      add('2406.00008');
      await settle(annotator);
      expect(savedAttr('2406.00008')).toBe('true');
    });

    it('asks about every card when the background sends no digest', async () => {
      port.sendsDigest = false;
      annotator.start();
      await settle(annotator);
      add('2406.00003');
      await settle(annotator);
      expect(port.pageStateCalls.at(-1)).toEqual(['arxiv:2406.00003']);
    });

    it('asks for a new digest after the tab missed broadcasts (restored from the cache)', async () => {
      annotator.start();
      await settle(annotator);
      // Saved while the tab was frozen: no broadcast reached it.
      port.saved.add('arxiv:2406.00007');
      await annotator.refreshState();
      expect(port.digestCalls).toBe(2);
      add('2406.00007');
      await settle(annotator);
      expect(savedAttr('2406.00007')).toBe('true');
    });
  });

  it('re-annotates a card element the page reuses for another paper, without a second host', async () => {
    annotator.start();
    await settle(annotator);
    const link = cards()[1]?.querySelector('a');
    link?.setAttribute('href', '/abs/2406.00009');
    if (link) link.textContent = 'Gender stereotypes';
    await settle(annotator);
    const second = cards()[1];
    expect(second?.getAttribute('data-biaslens-paper')).toBe('arxiv:2406.00009');
    expect(second?.getAttribute('data-biaslens-topics')).toBe('social');
    expect(second?.querySelectorAll('biaslens-card')).toHaveLength(1);
  });

  it('mounts the UI again when the page wipes the card content', async () => {
    annotator.start();
    await settle(annotator);
    const first = cards()[0] as Element;
    first.innerHTML = '<a href="/abs/2406.00001">Gender bias in LLMs</a>';
    await settle(annotator);
    expect(first.querySelectorAll('biaslens-card')).toHaveLength(1);
  });

  it('skips a broken card, logs it once, and annotates the others', async () => {
    document
      .getElementById('list')
      ?.insertAdjacentHTML('afterbegin', '<li class="paper">No link</li>');
    annotator.start();
    await settle(annotator);
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(2);
    expect(document.documentElement.getAttribute('data-biaslens-cards')).toBe('2');
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toContain('a[href^="/abs/"]');
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00004', 'x'));
    await settle(annotator);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('saves on click, then shows Saved on every card of that paper', async () => {
    document
      .getElementById('list')
      ?.insertAdjacentHTML('beforeend', card('2406.00001', 'Same paper again'));
    annotator.start();
    await settle(annotator);
    const button = cards()[0]
      ?.querySelector('biaslens-card')
      ?.shadowRoot?.querySelector<HTMLButtonElement>('button.save');
    button?.click();
    await vi.waitFor(() => expect(port.saves).toHaveLength(1));
    expect(port.saves[0]?.topics).toEqual(['social']);
    await vi.waitFor(() =>
      expect(
        document.querySelectorAll(
          '[data-biaslens-paper="arxiv:2406.00001"][data-biaslens-saved="true"]',
        ),
      ).toHaveLength(2),
    );
    const label = cards()[2]
      ?.querySelector('biaslens-card')
      ?.shadowRoot?.querySelector('button.save');
    expect(label?.textContent).toBe('Saved');
  });

  it('reads authors when saving, not while annotating', async () => {
    cards()[0]?.setAttribute('data-authors', 'Ada Lovelace;Alan Turing');
    const extract = vi.spyOn(toyAdapter, 'extractPaper');
    annotator.start();
    await settle(annotator);
    // The pass asked for no authors on any card.
    expect(extract.mock.calls.every(([, , options]) => options?.authors === false)).toBe(true);
    cards()[0]
      ?.querySelector('biaslens-card')
      ?.shadowRoot?.querySelector<HTMLButtonElement>('button.save')
      ?.click();
    await vi.waitFor(() => expect(port.saves).toHaveLength(1));
    expect(port.saves[0]?.paper.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    extract.mockRestore();
  });

  it('looks only at what the page changed, not the whole document, after the first pass', async () => {
    const find = vi.spyOn(toyAdapter, 'findCards');
    annotator.start();
    await settle(annotator);
    expect(find).toHaveBeenCalledWith(document);
    find.mockClear();
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00003', 'New'));
    await settle(annotator);
    expect(find).toHaveBeenCalled();
    for (const [root] of find.mock.calls) expect(root).not.toBe(document);
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(3);
    find.mockRestore();
  });

  it('never scans the whole page for a change outside every card', async () => {
    document.body.insertAdjacentHTML(
      'afterbegin',
      '<header><span id="clock">10:00</span></header>',
    );
    const find = vi.spyOn(toyAdapter, 'findCards');
    annotator.start();
    await settle(annotator);
    find.mockClear();
    const clock = document.getElementById('clock') as HTMLElement;
    clock.replaceChildren(document.createElement('b'));
    await settle(annotator);
    for (const [root] of find.mock.calls) {
      expect(root).not.toBe(document);
      expect(root).not.toBe(document.body);
    }
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(2);
    find.mockRestore();
  });

  it('applies saved changes broadcast from elsewhere', async () => {
    annotator.start();
    await settle(annotator);
    annotator.applySavedChange(['arxiv:2406.00002'], true);
    expect(cards()[1]?.getAttribute('data-biaslens-saved')).toBe('true');
    annotator.applySavedChange(['arxiv:2406.00002'], false);
    expect(cards()[1]?.getAttribute('data-biaslens-saved')).toBe('false');
  });

  it('removes its UI and stops observing when the signal aborts', async () => {
    annotator.start();
    await settle(annotator);
    controller.abort();
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(0);
    expect(document.querySelector('[data-biaslens-paper]')).toBeNull();
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00005', 'Late'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.querySelectorAll('biaslens-card')).toHaveLength(0);
  });

  it('shows page text in titles as text, never as markup', async () => {
    document.body.innerHTML = `<ul><li class="paper"><a href="/abs/2406.00007"></a></li></ul>`;
    const link = document.querySelector('a') as HTMLAnchorElement;
    link.textContent = '<img src=x onerror="window.__pwned=1">Gender';
    annotator.start();
    await settle(annotator);
    const root = document.querySelector('biaslens-card')?.shadowRoot;
    expect(root?.querySelector('img')).toBeNull();
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });
});

describe('Annotator on a long page', () => {
  afterEach(() => {
    delete (window as unknown as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  it('renders the hosts of cards on screen at once and lets the others skip rendering', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `2406.${String(i + 1).padStart(5, '0')}`);
    document.body.innerHTML = `<ul id="list">${ids.map((id) => card(id, 'Paper')).join('')}</ul>`;
    const onScreen = document.querySelectorAll('li.paper')[150] as Element;
    // The browser reports, after its next frame, which observed cards are on screen.
    class FakeIntersectionObserver {
      private readonly targets: Element[] = [];
      constructor(private readonly callback: (entries: unknown[]) => void) {
        setTimeout(() =>
          this.callback(
            this.targets.map((target) => ({ target, isIntersecting: target === onScreen })),
          ),
        );
      }
      observe(target: Element) {
        this.targets.push(target);
      }
      disconnect() {}
    }
    (window as unknown as { IntersectionObserver: unknown }).IntersectionObserver =
      FakeIntersectionObserver;
    // A clock that moves 1 ms per reading: the first slice holds a few cards, not all 300.
    let clock = 0;
    const scheduler = {
      ...immediateScheduler(),
      now: () => clock++,
      sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
      yield: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    };
    const controller = new AbortController();
    const annotator = new Annotator({
      doc: document,
      adapter: toyAdapter,
      classify: classifyByTitle,
      port: new FakePort(),
      signal: controller.signal,
      scheduler,
    });
    annotator.start();
    await vi.waitFor(() =>
      expect(document.documentElement.getAttribute('data-biaslens-cards')).toBe('300'),
    );
    const skips = (item: Element) =>
      (item.querySelector('biaslens-card') as HTMLElement).hasAttribute('data-offscreen');
    const items = [...document.querySelectorAll('li.paper')];
    expect(skips(items[0] as Element)).toBe(false); // first slice
    expect(skips(onScreen)).toBe(false); // reported on screen
    expect(skips(items[299] as Element)).toBe(true); // below the fold
    expect(items.filter(skips).length).toBeGreaterThan(250);
    controller.abort();
  });
});
