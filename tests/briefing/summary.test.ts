import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { splitSentences } from '../../src/briefing/sentences.js';
import { summarize } from '../../src/briefing/summary.js';

const sentencesOf = (text: string) => splitSentences(cleanDocument(text));

describe('summarize', () => {
  it('puts the news first when the story opens with history', () => {
    const text = [
      'One of the stranger moments of the old council was when the mayor proposed a tram line in 2015.',
      'The mayor held two votes on the tram, in 2015 and 2016, and both failed.',
      'Now the council has approved the tram line on Friday, the mayor said in a statement.',
      'Work on the tram line will start next spring, council officials said.',
      'Residents welcomed the decision at a packed meeting on Saturday.',
    ].join('\n');
    const { summary, background } = summarize(sentencesOf(text), { year: 2024 });
    expect(summary.tldr).toMatch(/^Now the council has approved/);
    expect(background).toEqual([
      expect.stringMatching(/^One of the stranger/),
      expect.stringMatching(/^The mayor held two votes/),
    ]);
  });

  it('keeps the lead of an inverted-pyramid report on top', () => {
    const text =
      'Flood waters forced thousands of residents from their homes in the river valley on Tuesday. ' +
      'Emergency crews rescued dozens of residents trapped by the flood waters overnight. ' +
      'The river rose three metres above its normal level after days of heavy rain. ' +
      '“It was terrifying,” one resident said. ' +
      'Is the valley ready for the next one?';
    const { summary } = summarize(sentencesOf(text));
    expect(summary.keyPoints[0]).toMatch(/^Flood waters forced/);
    expect(summary.keyPoints.slice(0, 3)).not.toContain('Is the valley ready for the next one?');
  });

  it('never shows a sentence both as a key point and as background', () => {
    const text = [
      'Back in 2010, the firm had been a small workshop.',
      'It had grown slowly at the time, in 2011 and 2012.',
      'The firm now employs 500 people after a deal this week.',
      'Its founder said in a statement that the deal secures the future of the plant.',
    ].join('\n');
    const { summary, background } = summarize(sentencesOf(text), { year: 2024 });
    for (const b of background) expect(summary.keyPoints).not.toContain(b);
    expect(summary.keyPoints.length).toBeGreaterThanOrEqual(3);
  });

  it('does not repeat a sentence that appears twice', () => {
    const repeated = 'The bridge reopened to traffic on Monday after repairs.';
    const { summary } = summarize(sentencesOf(`${repeated} Drivers welcomed the news on the first day. ${repeated}`));
    expect(summary.keyPoints.filter((k) => k === repeated)).toHaveLength(1);
  });

  it('handles an empty document', () => {
    expect(summarize([])).toEqual({ summary: { tldr: '', keyPoints: [] }, background: [] });
  });

  it('keeps key points in reading order, passing over questions, promos and repeats', () => {
    const text = [
      'The city council voted to close the old harbour bridge to lorries from next month.',
      'Scroll down for a video of the bridge at rush hour.',
      'Why did it take so long?',
      'The council voted to close the old harbour bridge to lorries next month.',
      'Engineers found cracks in two of the main steel supports during an inspection in March.',
      'Lorry drivers will have to use the ring road, adding about twenty minutes to the trip.',
    ].join('\n');
    const { summary } = summarize(sentencesOf(text), { year: 2024 });
    expect(summary.keyPoints.slice(0, 3)).toEqual([
      'The city council voted to close the old harbour bridge to lorries from next month.',
      'Engineers found cracks in two of the main steel supports during an inspection in March.',
      'Lorry drivers will have to use the ring road, adding about twenty minutes to the trip.',
    ]);
  });

  it('lists every qualifying background sentence, up to eight, apart from the key points', () => {
    const history = Array.from(
      { length: 10 },
      (_, i) => `Back in ${1990 + i}, the club had been a small amateur side number ${i + 1}.`,
    );
    const text = [
      ...history,
      'Now the club has won the national cup on Saturday, its manager said in a statement.',
      'Fans celebrated in the town square on Sunday night.',
      'The team will parade the trophy through the streets this week.',
    ].join('\n');
    const { summary, background } = summarize(sentencesOf(text), { year: 2024 });
    expect(summary.tldr).toMatch(/^Now the club has won/);
    expect(background).toHaveLength(8);
    for (const b of background) expect(summary.keyPoints).not.toContain(b);
  });

  it('prefers the sentence over a caption that it restates', () => {
    const text = [
      'Closed: The council will shut the old harbour bridge to lorries',
      'The council will shut the old harbour bridge to lorries from next month after engineers found cracks.',
      'Lorry drivers will have to use the ring road, adding about twenty minutes to the trip.',
      'Shops near the bridge fear they will lose trade once the closure starts.',
    ].join('\n');
    const { summary } = summarize(sentencesOf(text), { year: 2024 });
    expect(summary.keyPoints[0]).toMatch(/^The council will shut/);
    expect(summary.keyPoints.slice(0, 3)).not.toContain(
      'Closed: The council will shut the old harbour bridge to lorries',
    );
  });
});
