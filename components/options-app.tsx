import type { BiasLensDB } from '../lib/db/schema';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';
import { SettingsPanel } from './settings-panel';
import { type PermissionsApi, SitesSettings } from './sites-settings';
import { StorageStats } from './storage-stats';
import { TagManager } from './tag-manager';
import { TopicSettings } from './topic-settings';
import { useDatabaseProblem } from './use-database-problem';

export interface OptionsAppProps {
  /** Read directly (live); every write goes through the background. */
  db: BiasLensDB;
  /** Clock for export file names (tests pin it). */
  now?: () => number;
  /** The browser's permissions API (tests pass a fake). */
  permissions?: PermissionsApi;
}

/** The options page: storage, export, import, tags, topics, sites and settings. */
export function OptionsApp({ db, now, permissions }: OptionsAppProps) {
  const problem = useDatabaseProblem(db);
  return (
    <main class="options-page">
      <h1>BiasLens options</h1>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <StorageStats db={db} />
      <ExportPanel db={db} now={now} />
      <ImportPanel />
      <TagManager db={db} />
      <TopicSettings db={db} />
      <SitesSettings db={db} permissions={permissions} />
      <SettingsPanel />
    </main>
  );
}
