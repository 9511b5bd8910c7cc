/**
 * Lints the Firefox build (.output/firefox-mv3) with addons-linter, the linter behind `web-ext
 * lint` and addons.mozilla.org's validator, run from npm (no web-ext needed). Prints a summary and
 * every message (`npm run lint:firefox -- [dir] [--strict]`); exits 1 on any error (and, with --strict, on any warning not listed as known
 * below), 2 when there is no build. `npm run lint:firefox`; part of `npm test` after the builds.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface LinterMessage {
  code: string;
  message: string;
  description?: string | string[];
  file?: string;
  line?: number;
  column?: number;
}

interface LinterOutput {
  count: number;
  summary: { errors: number; warnings: number; notices: number };
  errors: LinterMessage[];
  warnings: LinterMessage[];
  notices: LinterMessage[];
}

interface AddonsLinter {
  createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): {
    run(): Promise<LinterOutput>;
  };
}

/**
 * Warnings we know and accept, with the reason (docs/SECURITY.md, "Firefox lint"). Anything else
 * is printed as new; `--strict` fails on it.
 */
const KNOWN_WARNINGS: Array<{ code: string; file?: RegExp; text?: RegExp; why: string }> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\//,
    why: "Preact's support for dangerouslySetInnerHTML, which BiasLens never uses (Biome's noDangerouslySetInnerHtml is an error; tests/unit/security-bundle.test.ts checks the build)",
  },
  {
    code: 'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION',
    text: /data_collection_permissions/,
    why: 'data_collection_permissions is ignored by Firefox 115–139 and honoured from 140',
  },
  {
    code: 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
    text: /data_collection_permissions/,
    why: 'the same on Firefox for Android (honoured from 142)',
  },
  {
    code: 'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION',
    text: /optional_host_permissions/,
    why: 'optional_host_permissions needs Firefox 128: on 115–127 the optional sites cannot be switched on (the options page reports the refusal); arXiv and Hugging Face work',
  },
  {
    code: 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
    text: /optional_host_permissions/,
    why: 'the same on Firefox for Android (from 128)',
  },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// An optional directory argument lints another unpacked build.
const dirArgument = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const buildDir = dirArgument ? resolve(dirArgument) : join(root, '.output', 'firefox-mv3');
const strict = process.argv.includes('--strict');

function isKnown(warning: LinterMessage): string | undefined {
  const description = [warning.description ?? ''].flat().join(' ');
  const known = KNOWN_WARNINGS.find(
    (entry) =>
      entry.code === warning.code &&
      (!entry.file || entry.file.test(warning.file ?? '')) &&
      (!entry.text || entry.text.test(description)),
  );
  return known?.why;
}

function where(message: LinterMessage): string {
  if (!message.file) return '';
  return ` (${message.file}${message.line ? `:${message.line}${message.column ? `:${message.column}` : ''}` : ''})`;
}

async function main(): Promise<number> {
  if (!existsSync(join(buildDir, 'manifest.json'))) {
    console.error(
      `No Firefox build in ${relative(root, buildDir)}: run \`npm run build:firefox\` first.`,
    );
    return 2;
  }
  const require = createRequire(import.meta.url);
  // The linter's own CLI sets this before loading it.
  (globalThis as { nodeRequire?: NodeRequire }).nodeRequire = require;
  const linter = (require('addons-linter') as AddonsLinter).createInstance({
    config: {
      _: [buildDir],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: true,
      selfHosted: false,
      privileged: false,
    },
    runAsBinary: false,
  });
  const result = await linter.run();

  const unknown: LinterMessage[] = [];
  console.log(`addons-linter on ${relative(root, buildDir)}:`);
  for (const error of result.errors) {
    console.log(`  error   ${error.code}: ${error.message}${where(error)}`);
  }
  for (const warning of result.warnings) {
    const why = isKnown(warning);
    if (!why) unknown.push(warning);
    console.log(
      `  warning ${warning.code}: ${warning.message}${where(warning)}${why ? `\n          known: ${why}` : '  [NEW]'}`,
    );
  }
  for (const notice of result.notices) {
    console.log(`  notice  ${notice.code}: ${notice.message}${where(notice)}`);
  }
  const { errors, warnings, notices } = result.summary;
  console.log(
    `${errors} errors, ${warnings} warnings (${warnings - unknown.length} known, ${unknown.length} new), ${notices} notices`,
  );
  if (errors > 0) return 1;
  if (strict && unknown.length > 0) return 1;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('addons-linter failed to run:', error);
    process.exitCode = 1;
  },
);
