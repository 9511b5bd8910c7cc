import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../lib/paper';
import {
  contrastRatio,
  DARK_TEXT,
  getTopicInfo,
  LIGHT_TEXT,
  pickTextColor,
  TOPICS,
} from '../../lib/topics/taxonomy';

describe('taxonomy', () => {
  it('lists the nine topic ids in order, each with a label, colour and description', () => {
    expect(TOPICS.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    for (const t of TOPICS) {
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(t.description.length).toBeGreaterThan(10);
      expect(getTopicInfo(t.id)).toBe(t);
    }
  });

  it("labels each badge with TAXONOMY.md's badge name", () => {
    expect(TOPICS.map((t) => t.label)).toEqual([
      'Social',
      'Cultural',
      'Data',
      'Inductive',
      'Evaluation',
      'Cognitive',
      'Modality',
      'Ranking',
      'Statistical',
    ]);
  });

  it('uses nine distinct colours', () => {
    expect(new Set(TOPICS.map((t) => t.color)).size).toBe(9);
  });

  it('picks a badge text colour with WCAG AA contrast (>= 4.5) on every badge', () => {
    for (const t of TOPICS) expect(contrastRatio(t.color, t.textColor)).toBeGreaterThanOrEqual(4.5);
  });

  it('writes down, for the content script, the text colour pickTextColor gives', () => {
    for (const t of TOPICS) expect(t.textColor, t.id).toBe(pickTextColor(t.color));
  });

  it('keeps badges visible on both a white and a dark page (>= 2:1 against each)', () => {
    for (const t of TOPICS) {
      expect(contrastRatio(t.color, '#ffffff')).toBeGreaterThanOrEqual(2);
      expect(contrastRatio(t.color, '#0d1117')).toBeGreaterThanOrEqual(2);
    }
  });

  it('computes contrast and text colour like WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(pickTextColor('#ffff00')).toBe(DARK_TEXT);
    expect(pickTextColor('#000080')).toBe(LIGHT_TEXT);
    expect(() => contrastRatio('red', '#fff')).toThrow();
  });
});
