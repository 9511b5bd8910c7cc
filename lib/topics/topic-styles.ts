import type { TopicId } from '../paper';

/** How one bias topic's badge looks: its text and colours (taxonomy.ts adds the description). */
export interface TopicStyle {
  id: TopicId;
  /** Short badge text: the id, capitalised (TAXONOMY.md's badge names). */
  label: string;
  /** Badge background, `#rrggbb`. */
  color: string;
  /** Badge text colour picked for contrast against `color` (white or near-black). */
  textColor: string;
}

/** Near-black used for text on light badges; readable in light and dark page themes. */
export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/**
 * Badge colours: nine hues spread around the wheel (red, orange, teal, green, yellow, magenta,
 * blue, violet, brown) at a mid lightness, so each badge stands out on both a white and a dark
 * page. The text colour is the one `pickTextColor` (taxonomy.ts) gives, as a unit test checks:
 * written here so that the content script need not carry the contrast arithmetic.
 */
const STYLES: Record<TopicId, Omit<TopicStyle, 'id' | 'label'>> = {
  social: { color: '#dc2626', textColor: LIGHT_TEXT },
  cultural: { color: '#f97316', textColor: DARK_TEXT },
  data: { color: '#0f766e', textColor: LIGHT_TEXT },
  inductive: { color: '#22a355', textColor: DARK_TEXT },
  evaluation: { color: '#d9a200', textColor: DARK_TEXT },
  cognitive: { color: '#c026d3', textColor: LIGHT_TEXT },
  modality: { color: '#2563eb', textColor: LIGHT_TEXT },
  ranking: { color: '#7c3aed', textColor: LIGHT_TEXT },
  statistical: { color: '#8a6a4f', textColor: LIGHT_TEXT },
};

/**
 * The badge of a built-in topic. This module is all the content script carries of the taxonomy:
 * descriptions, shown only on hover or focus, come with the topic settings (getTopicConfig).
 */
export function getTopicStyle(id: TopicId): TopicStyle {
  return { id, label: id.charAt(0).toUpperCase() + id.slice(1), ...STYLES[id] };
}
