/**
 * What ships (docs/SECURITY.md, "Code and permissions"): the built bundles run no string as code,
 * load no remote code, contact no server, and the manifests keep the default CSP, ask for no
 * permission and open no door to other extensions or web pages. Reads `.output/` (the `test`
 * script builds before the unit tests); skipped, saying so, when there is no build. The source is
 * scanned too, so a new HTML sink is caught before it is built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_HOST_PERMISSIONS } from '../../lib/sites/optional-sites';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILDS = ['chrome-mv3', 'firefox-mv3'].map((name) => ({
  name,
  dir: join(ROOT, '.output', name),
}));

/** Every URL literal the bundles may contain, with the reason. */
const ALLOWED_URLS: Array<[RegExp, string]> = [
  [
    /^https:\/\/arxiv\.org(?:\/|$)/,
    'links built from paper ids, match patterns, adapter example URLs',
  ],
  [/^https:\/\/huggingface\.co\/papers(?:[/?*]|$)/, 'the same for Hugging Face Papers'],
  [
    /^https:\/\/(?:scholar\.google\.com|www\.semanticscholar\.org|openreview\.net|aclanthology\.org|proceedings\.neurips\.cc|papers\.nips\.cc|proceedings\.mlr\.press|dblp\.org|dblp\.uni-trier\.de)(?:[/?]|$)/,
    'the optional sites: optional host permissions, registered match patterns, adapter example URLs, links built from ids, bases resolving relative links',
  ],
  [/^https:\/\/doi\.org\/\$\{/, 'DOI landing pages built from a DOI (landingUrl)'],
  [/^https:\/\/\*\/\*$/, 'the optional permission of generic mode'],
  [
    /^https:\/\/\$\{\w+\}$/,
    'generic mode: an origin rebuilt from a parsed, validated host name (normalizeGenericOrigin)',
  ],
  [
    /^https:\/\/(?:www\.cs\.example\.edu|reading-group\.example\.org)\//,
    'example URLs of generic mode (reserved example domains, RFC 2606)',
  ],
  [
    /^http:\/\/www\.w3\.org\/(?:2000\/svg|1999\/xhtml|1998\/Math\/MathML|1999\/xlink)$/,
    'XML namespaces (Preact)',
  ],
  [
    /^http:\/\/bit\.ly\/2kdckMn$|^https:\/\/tinyurl\.com\/y2uuvskb$/,
    'help links in Dexie error messages',
  ],
];

/** Code that turns strings into code, or markup into DOM, or reaches the network. */
const FORBIDDEN_EVERYWHERE: Array<[RegExp, string]> = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/(?<![\w$.])Function\s*\(\s*["'`]/, 'Function("…")'],
  [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, 'setTimeout/setInterval with a string'],
  [/\bimportScripts\s*\(/, 'importScripts('],
  [/\bimport\s*\(\s*["'`]https?:/, 'import() of a remote URL'],
  [/\bfetch\s*\(\s*["'`]/, 'fetch() of a literal URL'],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\bnew\s+WebSocket\b/, 'WebSocket'],
  [/\bnew\s+EventSource\b/, 'EventSource'],
  [/\bsendBeacon\b/, 'navigator.sendBeacon'],
  [
    /onMessageExternal\.addListener|onConnectExternal\.addListener/,
    'a listener for other extensions or web pages',
  ],
  [
    /\binsertAdjacentHTML\b|\bouterHTML\s*=|document\.write\b|createContextualFragment|setHTMLUnsafe/,
    'an HTML sink',
  ],
];
/** The content script lives in hostile pages: not even a DOMParser or innerHTML there. */
const FORBIDDEN_IN_CONTENT_SCRIPT: Array<[RegExp, string]> = [
  [/\binnerHTML\b/, 'innerHTML'],
  [/\bDOMParser\b/, 'DOMParser'],
  [/\bfetch\s*\(/, 'fetch('],
];

function filesUnder(dir: string, extension: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extension));
    else if (name.endsWith(extension)) out.push(path);
  }
  return out;
}

function urlLiterals(code: string): string[] {
  return [...code.matchAll(/(?:https?|wss?|ftp):\/\/[^\s"'`)\\]*/g)].map((match) => match[0]);
}

for (const build of BUILDS) {
  const built = existsSync(join(build.dir, 'manifest.json'));
  if (!built) {
    console.warn(
      `[security-bundle] skipped ${build.name}: no build in ${relative(ROOT, build.dir)} (run \`npm run build:all\`; \`npm test\` builds first)`,
    );
  }

  describe.skipIf(!built)(`the ${build.name} build`, () => {
    const scripts = () => filesUnder(build.dir, '.js');
    const manifest = () =>
      JSON.parse(readFileSync(join(build.dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

    it('runs no string as code, loads no remote code and reaches no server', () => {
      const found: string[] = [];
      for (const file of scripts()) {
        const code = readFileSync(file, 'utf8');
        const name = relative(build.dir, file);
        for (const [pattern, what] of FORBIDDEN_EVERYWHERE) {
          if (pattern.test(code)) found.push(`${name}: ${what}`);
        }
        if (name.startsWith('content-scripts/')) {
          for (const [pattern, what] of FORBIDDEN_IN_CONTENT_SCRIPT) {
            if (pattern.test(code)) found.push(`${name}: ${what}`);
          }
        }
        // Vite's modulepreload polyfill fetches the page's own <link rel=modulepreload> chunks
        // (extension files); no other fetch may exist.
        for (const match of code.matchAll(/\bfetch\s*\(([^)]{0,40})\)/g)) {
          const preload = code.includes('modulepreload') && /^\w+\.href,\w+$/.test(match[1] ?? '');
          if (!preload) found.push(`${name}: fetch(${match[1]})`);
        }
        // innerHTML only in Preact's dangerouslySetInnerHTML support (we never use it: Biome's
        // noDangerouslySetInnerHtml is an error), recognizable by its `__html` next to it.
        for (const match of code.matchAll(/innerHTML/g)) {
          const around = code.slice(
            Math.max(0, (match.index ?? 0) - 200),
            (match.index ?? 0) + 200,
          );
          if (!around.includes('__html')) found.push(`${name}: innerHTML outside Preact`);
        }
      }
      expect(found).toEqual([]);
    });

    it('contains no URL but the allowed ones', () => {
      const unexpected: string[] = [];
      for (const file of [...scripts(), ...filesUnder(build.dir, '.html')]) {
        for (const url of urlLiterals(readFileSync(file, 'utf8'))) {
          if (!ALLOWED_URLS.some(([pattern]) => pattern.test(url))) {
            unexpected.push(`${relative(build.dir, file)}: ${url}`);
          }
        }
      }
      expect(unexpected).toEqual([]);
    });

    it('has extension pages that load only the extension’s own scripts', () => {
      for (const file of filesUnder(build.dir, '.html')) {
        const html = readFileSync(file, 'utf8');
        for (const match of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)) {
          expect(match[1], relative(build.dir, file)).toMatch(/^\/[\w./-]+$/);
          expect(existsSync(join(build.dir, match[1] ?? ''))).toBe(true);
        }
        // No inline script (the default CSP would refuse it anyway).
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      }
    });

    it('keeps the default CSP, asks only for `scripting`, and is closed to other extensions and pages', () => {
      const m = manifest();
      expect(m.manifest_version).toBe(3);
      expect(m.content_security_policy).toBeUndefined();
      // `scripting` registers the sites content script; it grants access to no page by itself.
      expect(m.permissions ?? []).toEqual(['scripting']);
      // No host is granted at install: the optional sites and generic mode are asked for, one
      // site at a time, from the options page.
      expect(m.host_permissions).toBeUndefined();
      expect(m.optional_permissions).toBeUndefined();
      expect(m.optional_host_permissions).toEqual([...OPTIONAL_HOST_PERMISSIONS]);
      expect(OPTIONAL_HOST_PERMISSIONS).toEqual([
        'https://scholar.google.com/*',
        'https://www.semanticscholar.org/*',
        'https://openreview.net/*',
        'https://aclanthology.org/*',
        'https://proceedings.neurips.cc/*',
        'https://papers.nips.cc/*',
        'https://proceedings.mlr.press/*',
        'https://dblp.org/*',
        'https://dblp.uni-trier.de/*',
        'https://*/*',
      ]);
      expect(m.externally_connectable).toBeUndefined();
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.sandbox).toBeUndefined();
      expect(m.update_url).toBeUndefined();
      // Every script the manifest names is a file in the package.
      const background = m.background as { service_worker?: string; scripts?: string[] };
      const named = [
        ...(background.service_worker ? [background.service_worker] : []),
        ...(background.scripts ?? []),
        ...((m.content_scripts as Array<{ js?: string[]; matches: string[] }>) ?? []).flatMap(
          (entry) => entry.js ?? [],
        ),
      ];
      expect(named.length).toBeGreaterThan(0);
      for (const script of named) {
        expect(script).not.toMatch(/^(?:[a-z]+:)?\/\//i);
        expect(existsSync(join(build.dir, script)), script).toBe(true);
      }
      // The content script runs on the two sites only.
      const matches = (m.content_scripts as Array<{ matches: string[] }>).flatMap((c) => c.matches);
      expect(matches.sort()).toEqual(['https://arxiv.org/*', 'https://huggingface.co/papers*']);
    });

    it('lists in the README every permission the manifest asks for', () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('## Permissions and privacy'));
      const m = manifest();
      for (const permission of [
        ...((m.permissions as string[] | undefined) ?? []),
        ...((m.optional_host_permissions as string[] | undefined) ?? []),
      ]) {
        expect(section, permission).toContain(`\`${permission}\``);
      }
      if (((manifest().permissions as string[] | undefined) ?? []).length === 0) {
        expect(section).toMatch(/no permissions/i);
      }
    });
  });
}

describe('the source', () => {
  it('has no HTML sink and runs no string as code', () => {
    const found: string[] = [];
    for (const dir of ['lib', 'components', 'entrypoints']) {
      for (const file of [
        ...filesUnder(join(ROOT, dir), '.ts'),
        ...filesUnder(join(ROOT, dir), '.tsx'),
      ]) {
        const code = readFileSync(file, 'utf8');
        for (const [pattern, what] of [
          [/\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write/, 'an HTML sink'],
          [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
          [/\beval\s*\(|new\s+Function\s*\(/, 'eval or new Function'],
          [
            /\bfetch\s*\(|XMLHttpRequest|new\s+WebSocket|sendBeacon|new\s+EventSource/,
            'a network call',
          ],
          [/onMessageExternal\.|onConnectExternal\./, 'a door for other extensions'],
        ] as const) {
          if (pattern.test(code)) found.push(`${relative(ROOT, file)}: ${what}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
