import { describe, expect, it } from 'vitest';
import { deriveBriefing, deriveTitle, slugify } from '../../src/briefing/derive.js';
import { articleDate } from '../../src/briefing/text-dates.js';

describe('deriveBriefing', () => {
  it('uses a headline-like first line as the title and keeps it out of the prose', () => {
    const b = deriveBriefing({
      text: 'Council Approves Tram Line\nThe council approved the tram line on Friday. Work starts soon.',
      source: 'a.txt',
    });
    expect(b.title).toBe('Council Approves Tram Line');
    expect(b.sentences.map((s) => s.text)).toEqual([
      'The council approved the tram line on Friday.',
      'Work starts soon.',
    ]);
    expect(b.id).toMatch(/^council-approves-tram-line-[0-9a-f]{6}$/);
  });

  it('derives a title from the lead when the first line is prose', () => {
    const b = deriveBriefing({
      text: 'According to officials, the council approved the new tram line on Friday after a long debate.',
      source: 'b.txt',
    });
    expect(b.title).toBe('The council approved the new tram line on Friday…');
  });

  it('is deterministic and keeps sentence offsets into the text', () => {
    const text = 'Dr. Lee spoke on Friday. “We won,” she said.\n— Lee (@lee) May 1, 2020\nThe vote passed.';
    const a = deriveBriefing({ text, source: 'c.txt' });
    expect(deriveBriefing({ text, source: 'c.txt' })).toEqual(a);
    for (const s of a.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('reads the article date from a publication stamp, else leaves it null', () => {
    expect(
      deriveBriefing({ text: 'By Jo Bloggs PUBLISHED: 12:00 EST, 3 March 2014\nThe vote passed.', source: 'd' }).date,
    ).toBe('2014-03-03');
    expect(deriveBriefing({ text: 'The vote passed in 2014.', source: 'e' }).date).toBeNull();
  });
});

describe('articleDate', () => {
  it('reads stamps and lone datelines', () => {
    expect(articleDate('Updated on November 3, 2014 at 10:00')).toBe('2014-11-03');
    expect(articleDate('Monday, June 30, 2019\nTalks resumed.')).toBe('2019-06-30');
    expect(articleDate('Talks resumed on June 30, 2019 after a pause.')).toBeNull();
  });
});

describe('deriveTitle and slugify', () => {
  it('cuts long titles at a word boundary', () => {
    expect(deriveTitle('One two three four five six seven eight nine ten eleven twelve thirteen.')).toBe(
      'One two three four five six seven eight nine ten eleven twelve…',
    );
    expect(slugify('Crème Brûlée — the story!')).toBe('creme-brulee-the-story');
  });
});
