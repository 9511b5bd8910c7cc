import type { BiasLensDB } from '../lib/db/schema';

/** The options page section for topics: custom topics and built-in topics switched off. */
export function TopicSettings(_props: { db: BiasLensDB }) {
  return (
    <section aria-labelledby="topic-settings-heading">
      <h2 id="topic-settings-heading">Topics</h2>
    </section>
  );
}
