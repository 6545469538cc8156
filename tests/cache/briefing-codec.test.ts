import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { decodeBriefing, encodeBriefing } from '../../src/cache/briefing-codec.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = 'seeds/000_bb36a7b359d2b11b.txt';

describe('cache codec', () => {
  const briefing = deriveBriefing({ text: readFileSync(resolve(ROOT, SEED), 'utf8'), source: SEED });

  it('reads back the very briefing it wrote, to the same JSON', () => {
    const back = decodeBriefing(encodeBriefing(briefing));
    expect(back).toEqual(briefing);
    expect(JSON.stringify(back)).toBe(JSON.stringify(briefing));
  });

  it('writes repeated sentences once, and reads them back as the sentence itself', () => {
    const repeats = [...briefing.summary.keyPoints, ...briefing.background, ...briefing.timeline.map((t) => t.text)];
    expect(repeats.length).toBeGreaterThan(0);
    expect(encodeBriefing(briefing).length).toBeLessThan(JSON.stringify(briefing).length);
    const back = decodeBriefing(encodeBriefing(briefing));
    const texts = new Set(back.sentences.map((s) => s.text));
    for (const point of back.summary.keyPoints) expect(texts.has(point)).toBe(true);
    const packed = JSON.parse(encodeBriefing(briefing)) as { summary: { keyPoints: unknown[] } };
    expect(packed.summary.keyPoints.every((p) => typeof p === 'number')).toBe(true);
  });

  it('reads a plain briefing JSON (rows written before packing) unchanged', () => {
    expect(decodeBriefing(JSON.stringify(briefing))).toEqual(briefing);
  });

  it('refuses a row that is not a briefing, or names a sentence it does not have', () => {
    expect(() => decodeBriefing('{"id":"x"}')).toThrow(/not a stored briefing/);
    const broken = JSON.parse(encodeBriefing(briefing)) as { background: unknown[] };
    broken.background = [9999];
    expect(() => decodeBriefing(JSON.stringify(broken))).toThrow(/sentence 9999/);
  });
});
