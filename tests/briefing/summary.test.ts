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
    expect(background).toEqual([expect.stringMatching(/^One of the stranger/), expect.stringMatching(/^The mayor held two votes/)]);
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
});
