import Dexie, { type EntityTable } from 'dexie';
import { paperAliases } from '../paper-identity';
import { watchBlocked } from './errors';
import type { CustomTopicRecord, PaperRecord, SettingRecord, TopicCorrectionRecord } from './types';

/** The default IndexedDB name, in the extension origin (never a host page's). */
export const DATABASE_NAME = 'biaslens';

/**
 * BiasLens's IndexedDB database, with its full version history.
 *
 * Old `version(n)` blocks are kept forever: Dexie needs every past schema to upgrade a user
 * who skipped releases. A new version only adds a block (and moves data in `.upgrade()`);
 * only indexed fields appear in the schema strings, the rest of a record is stored as is.
 */
export class BiasLensDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  corrections!: EntityTable<TopicCorrectionRecord, 'id'>;
  customTopics!: EntityTable<CustomTopicRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // From the start, so a blocked upgrade is known even if the first open began elsewhere.
    watchBlocked(this);
    this.version(1).stores({
      // Saved papers, keyed by canonical id (`arxiv:2406.12345`); multi-entry topics and tags.
      papers: 'id, savedAt, updatedAt, source, *topics, *tags',
    });
    this.version(2).stores({
      // The user's topic corrections per paper (saved or not), keyed by canonical paper id.
      corrections: 'id, updatedAt',
      // User-defined topics (`custom:<slug>`), applied like the built-in ones.
      customTopics: 'id',
      // Small named settings (disabled built-in topics, page-summary filter per site, ...).
      settings: 'key',
    });
    this.version(3)
      .stores({
        // Papers gain `*aliases`: every canonical id a record is known by (its own id, `doi:…`,
        // `acl:…`, `openreview:…`, `arxiv:…`), for saved-state lookups and linking records.
        papers: 'id, savedAt, updatedAt, source, *topics, *tags, *aliases',
      })
      .upgrade(async (tx) => {
        // Records of v1/v2 are arXiv papers: their aliases are their id. Nothing else changes.
        await tx
          .table<PaperRecord, string>('papers')
          .toCollection()
          .modify((record) => {
            record.aliases = paperAliases(record);
          });
      });
  }
}

/** Opens (lazily, on first query) the database called `name`; tests pass a fresh name. */
export function openDatabase(name: string = DATABASE_NAME): BiasLensDB {
  return new BiasLensDB(name);
}

let singleton: BiasLensDB | undefined;

/** The extension's one database, created on first use (never at import time). */
export function getDatabase(): BiasLensDB {
  singleton ??= openDatabase();
  return singleton;
}
