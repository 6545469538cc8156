import { describe, expect, it } from 'vitest';
import { briefbot } from '../e2e/helpers.js';

describe('briefbot ask --json', () => {
  it('prints exactly {answer, sources} with the story id and sentence', async () => {
    const result = await briefbot(['ask', 'who is Kim Jong-un?', '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['answer', 'sources']);
    expect(data.answer).toContain('dictator');
    const sources = data.sources as Array<Record<string, unknown>>;
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(Object.keys(s).sort()).toEqual(['sentence', 'story']);
      expect(s.story).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('prints a null answer when the stories do not cover the question', async () => {
    const result = await briefbot(['ask', 'who won the world cup?', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ answer: null, sources: [] });
  });
});
