import { describe, expect, it } from 'vitest';
import { replyTexts } from '../../src/core/reply.js';
import { composeDigest, topKeyPoint } from '../../src/digest/compose.js';
import { sampleStories, story } from './helpers.js';

describe('composeDigest', () => {
  const [dam, library] = sampleStories() as [ReturnType<typeof story>, ReturnType<typeof story>];
  const stories = [library, dam]; // Library order: newest first

  it('gives one section per story with its tldr and top key point, newest first, all new at first', () => {
    const { reply, included, fresh } = composeDigest(stories, new Map());
    expect(reply.sections.map((s) => s.heading)).toEqual([
      `New: ${library.briefing.title}`,
      `New: ${dam.briefing.title}`,
    ]);
    const first = reply.sections[0]!;
    expect(first.blocks[0]).toEqual({ type: 'text', text: library.briefing.summary.tldr });
    expect(first.blocks.some((b) => b.type === 'bullets' && b.items[0] === topKeyPoint(library.briefing))).toBe(true);
    expect(included).toEqual([
      { source: 'b.txt', hash: library.briefing.hash },
      { source: 'a.txt', hash: dam.briefing.hash },
    ]);
    expect(fresh).toBe(2);
  });

  it('puts stories new since the channel’s last digest first, then updated ones, then the rest', () => {
    const changedDam = story(
      'a.txt',
      'Dam repairs finish early',
      'Engineers finished repairs to the Wexley dam on Monday. The council now says the reservoir is already full.',
      1_000,
    );
    const added = story(
      'c.txt',
      'Bridge closes for a week',
      'The old bridge closes on Friday for repairs, the council said. Buses will be diverted.',
      500,
    );
    const delivered = new Map([
      ['a.txt', dam.briefing.hash],
      ['b.txt', library.briefing.hash],
    ]);
    const { reply } = composeDigest([library, changedDam, added], delivered);
    expect(reply.sections.map((s) => s.heading)).toEqual([
      `New: ${added.briefing.title}`,
      `Updated: ${changedDam.briefing.title}`,
      library.briefing.title,
    ]);
    expect(reply.footer).toContain('2 new or updated');
  });

  it('shows at most maxStories, keeping new ones, and says how many more there are', () => {
    const { reply, included } = composeDigest([library, dam], new Map([['b.txt', library.briefing.hash]]), {
      maxStories: 1,
    });
    expect(reply.sections).toHaveLength(1);
    expect(reply.sections[0]!.heading).toBe(`New: ${dam.briefing.title}`);
    expect(included.map((i) => i.source)).toEqual(['a.txt']);
    expect(reply.footer).toContain('1 more: /stories');
  });

  it('never repeats the tldr as the key point', () => {
    for (const s of stories) {
      const point = topKeyPoint(s.briefing);
      if (point) expect(s.briefing.summary.tldr.toLowerCase()).not.toContain(point.toLowerCase());
    }
  });

  it('says so when nothing is loaded, and carries nothing to record', () => {
    const { reply, included } = composeDigest([], new Map());
    expect(replyTexts(reply).join(' ')).toContain('No stories are loaded');
    expect(included).toEqual([]);
  });
});
