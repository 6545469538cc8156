// Recorded placements (StoryTracker.assign): an article stored with the story it joined is put back there, in any
// order of arrival, so a replica that hears of the articles in another order, or a restart that loads them sorted
// by date, shows the same stories under the same ids, each with its first report first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import type { Briefing } from '../../src/briefing/types.js';
import type { StoryAssignment } from '../../src/library/library.js';
import { StoryTracker, type TrackResult } from '../../src/stories/tracker.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');
const day = (d: string) => Date.parse(`${d}T07:00:00Z`);

interface Doc {
  briefing: Briefing;
  outlet: string;
  at: number;
}

const doc = (file: string, outlet: string, at: number, text = readFileSync(join(FIXTURES, file), 'utf8')): Doc => ({
  briefing: deriveBriefing({ text, source: file, outlet }),
  outlet,
  at,
});
const ap = doc('peru-quake-ap.txt', 'AP', day('2026-11-02'));
const reuters = doc('peru-quake-reuters.txt', 'Reuters', day('2026-11-03'));
const aceh = doc('aceh-quake.txt', 'BBC', day('2026-11-03') + 1000);
const bbc = doc('peru-quake-bbc.txt', 'BBC', day('2026-11-04'));
const copy = doc(
  'paper.txt',
  'Daily Paper',
  day('2026-11-02') + 60_000,
  `LIMA (AP) — ${readFileSync(join(FIXTURES, 'peru-quake-ap.txt'), 'utf8')}\nCopyright AP.`,
);

const source = (d: Doc) => ({ source: d.briefing.source, outlet: d.outlet, published: d.at });
const add = (t: StoryTracker, d: Doc) => t.add(d.briefing, source(d), d.at);
const assign = (t: StoryTracker, d: Doc, to: StoryAssignment) => t.assign(d.briefing, source(d), to, d.at);
const placement = (r: TrackResult): StoryAssignment => ({ story: r.story.id, article: r.article.id });
const shown = (t: StoryTracker) =>
  t.stories().map((s) => ({ id: s.id, articles: s.articles.map((a) => [a.id, a.sources.map((x) => x.source)]) }));

/** The placements a writer makes, grouping the articles itself in the order they reach it. */
function written(order: Doc[]): { tracker: StoryTracker; placed: Map<Doc, StoryAssignment> } {
  const tracker = new StoryTracker();
  const placed = new Map<Doc, StoryAssignment>();
  for (const d of order) placed.set(d, placement(add(tracker, d)));
  return { tracker, placed };
}

describe('recorded story placements', () => {
  it('puts articles back where they were recorded, in any order, with the same ids and the same groups', () => {
    // The writer heard the BBC follow-up first: the Peru story is named after it.
    const writer = written([bbc, aceh, reuters, ap, copy]);
    expect(writer.placed.get(ap)).toEqual({ story: bbc.briefing.id, article: ap.briefing.id });
    expect(writer.placed.get(copy)).toEqual({ story: bbc.briefing.id, article: ap.briefing.id });
    for (const order of [
      [ap, copy, reuters, aceh, bbc], // by date, as a restart loads them
      [copy, reuters, bbc, aceh, ap], // the copy before its original
    ]) {
      const reader = new StoryTracker();
      for (const d of order) assign(reader, d, writer.placed.get(d)!);
      expect(shown(reader).map((s) => s.id)).toEqual(shown(writer.tracker).map((s) => s.id));
      // The same articles in each story, the first report first, the others in order of arrival.
      const sorted = (t: StoryTracker) =>
        shown(t).map((s) => ({ ...s, articles: s.articles.map(([id, srcs]) => [id, [...srcs!].sort()]) }));
      expect(sorted(reader)).toEqual(sorted(writer.tracker));
      expect(
        reader
          .stories()
          .find((s) => s.id === bbc.briefing.id)!
          .articles.map((a) => a.id),
      ).toEqual([bbc.briefing.id, ap.briefing.id, reuters.briefing.id]);
    }
  });

  it('a story started under an article’s id is joined by that article when it arrives unrecorded (a seed file)', () => {
    const reader = new StoryTracker();
    assign(reader, reuters, { story: ap.briefing.id, article: reuters.briefing.id });
    const founder = add(reader, ap);
    expect(founder.story.id).toBe(ap.briefing.id);
    expect(reader.stories()).toHaveLength(1);
    expect(founder.story.articles.map((a) => a.id)).toEqual([ap.briefing.id, reuters.briefing.id]);
  });

  it('groups later unrecorded articles against the recorded ones, and keeps that through a snapshot', () => {
    const reader = new StoryTracker();
    assign(reader, ap, { story: 'peru-story', article: ap.briefing.id });
    assign(reader, aceh, { story: 'aceh-story', article: aceh.briefing.id });
    const restored = StoryTracker.restore(
      reader.snapshot(),
      (s) => [ap, aceh].find((d) => d.briefing.source === s)?.briefing,
    )!;
    for (const t of [reader, restored]) {
      const follow = add(t, reuters);
      expect(follow.kind).toBe('joined');
      expect(follow.story.id).toBe('peru-story');
      expect(assign(t, bbc, { story: 'peru-story', article: bbc.briefing.id }).kind).toBe('joined');
      expect(t.stories().map((s) => [s.id, s.articles.length])).toEqual([
        ['peru-story', 3],
        ['aceh-story', 1],
      ]);
    }
  });

  it('orders an article that arrives late by its arrival time, after the first report', () => {
    const tracker = new StoryTracker();
    add(tracker, bbc);
    add(tracker, reuters);
    const late = add(tracker, ap);
    expect(late.story.articles.map((a) => a.id)).toEqual([bbc.briefing.id, ap.briefing.id, reuters.briefing.id]);
  });
});
