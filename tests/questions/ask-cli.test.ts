import { describe, expect, it } from 'vitest';
import { briefbot } from '../e2e/helpers.js';

describe('briefbot ask --json', () => {
  it('prints exactly {answer, short, sources} with the story id and sentence', async () => {
    const result = await briefbot(['ask', 'who is Kim Jong-un?', '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['answer', 'short', 'sources']);
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

  it('with no question reads one question a line from stdin and prints one JSON line each', async () => {
    const result = await briefbot(['ask', '--json'], {
      input: 'When did Trump step into North Korea?\n\nwho won the world cup?\n',
    });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(['answer', 'question', 'sentence', 'sources']);
    expect(lines[0]).toMatchObject({ question: 'When did Trump step into North Korea?', answer: 'June 30, 2019' });
    expect(lines[0]!.sentence).toContain('June 30, 2019');
    expect(lines[1]).toEqual({ question: 'who won the world cup?', answer: null, sentence: null, sources: [] });
  });
});
