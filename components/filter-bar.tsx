import type { NotebookFilter, SortOrder } from '../lib/notebook/filter';
import { EMPTY_FILTER, SORT_ORDERS } from '../lib/notebook/filter';
import { TOPIC_IDS } from '../lib/paper';
import { SITE_IDS, SITE_NAMES } from '../lib/sites/site-names';
import { topicDisplay } from './format';

export interface FilterBarProps {
  id: string;
  filter: NotebookFilter;
  sort: SortOrder;
  /** Tags in use, for the tag filter. */
  tags: readonly string[];
  onFilter: (filter: NotebookFilter) => void;
  onSort: (sort: SortOrder) => void;
}

/** Topic, tag, site and saved-date filters and the sort order (the search box is separate). */
export function FilterBar({ id, filter, sort, tags, onFilter, onSort }: FilterBarProps) {
  const set = <K extends keyof NotebookFilter>(key: K, value: NotebookFilter[K]) =>
    onFilter({ ...filter, [key]: value });
  return (
    <fieldset class="filters" id={id}>
      <legend class="visually-hidden">Filters and sort order</legend>
      <label>
        Topic
        <select
          value={filter.topic}
          onChange={(event) => set('topic', event.currentTarget.value as NotebookFilter['topic'])}
        >
          <option value="">Any topic</option>
          {TOPIC_IDS.map((topic) => (
            <option key={topic} value={topic}>
              {topicDisplay(topic).label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select value={filter.tag} onChange={(event) => set('tag', event.currentTarget.value)}>
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label>
        Site
        <select
          value={filter.site}
          onChange={(event) => set('site', event.currentTarget.value as NotebookFilter['site'])}
        >
          <option value="">Any site</option>
          {SITE_IDS.map((site) => (
            <option key={site} value={site}>
              {SITE_NAMES[site]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Saved from
        <input
          type="date"
          value={filter.savedFrom}
          onInput={(event) => set('savedFrom', event.currentTarget.value)}
        />
      </label>
      <label>
        Saved until
        <input
          type="date"
          value={filter.savedTo}
          onInput={(event) => set('savedTo', event.currentTarget.value)}
        />
      </label>
      <label>
        Sort
        <select value={sort} onChange={(event) => onSort(event.currentTarget.value as SortOrder)}>
          {SORT_ORDERS.map((order) => (
            <option key={order.id} value={order.id}>
              {order.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="clear-filters"
        onClick={() => onFilter({ ...EMPTY_FILTER, query: filter.query })}
      >
        Clear filters
      </button>
    </fieldset>
  );
}
