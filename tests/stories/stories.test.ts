import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { StoryTracker } from '../../src/stories/tracker.js';
import { containment, signature } from '../../src/stories/near-dup.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { articleFeatures } from '../../src/stories/features.js';
import { defaultModel } from '../../src/stories/model.js';
import { nameDifferences, numberDifferences } from '../../src/stories/story-brief.js';

const day = (d: string) => Date.parse(`${d}T09:00:00Z`);
const brief = (text: string, source: string) => deriveBriefing({ text, source });

const quakeA = (outlet: string) => `Earthquake kills dozens in Peru's Ica region
A magnitude 7.1 earthquake struck near Ica in southern Peru on Monday, killing at least 40 people, officials said.
President Ollanta Humala flew to Ica and said rescue teams from Lima were searching collapsed homes in Pisco.
The quake's epicentre was 30 km off the coast, the Peruvian Geophysical Institute said. ${outlet} reported aftershocks.`;

const quakeA2 = `Peru earthquake toll rises as rescuers search Pisco
Rescuers in Pisco pulled survivors from the rubble on Tuesday after the magnitude 7.1 earthquake near Ica.
President Ollanta Humala said the death toll had risen to 52 and promised aid for Ica and Pisco.
The Peruvian Geophysical Institute recorded more than 100 aftershocks along the coast.`;

const quakeB = `Earthquake kills dozens in Indonesia's Aceh province
A magnitude 6.5 earthquake struck Aceh in northern Sumatra on Wednesday, killing at least 30 people, officials said.
Governor Zaini Abdullah said rescue teams from Banda Aceh were searching collapsed homes in Pidie Jaya.
The quake's epicentre was 20 km inland, Indonesia's meteorology agency BMKG said.`;

// Two same-kind events that share no name or place are kept apart by the clusterer's veto (vetoDisjoint), which
// the model alone did not do when the library holds two or three articles (IDF is flat then).
// KNOWN FAILURE, kept as it.fails so it flips to red the day it is fixed: the model learned a positive weight for
// "far apart in time" from ECB+'s undated documents, so the same place and people years apart still join.
describe('stories: merge and split', () => {
  it('keeps two earthquakes in the same week as two stories', () => {
    const tracker = new StoryTracker();
    const a = tracker.add(brief(quakeA('AP'), 'peru.txt'), {
      source: 'peru.txt',
      outlet: 'AP',
      published: day('2026-11-02'),
    });
    const b = tracker.add(brief(quakeB, 'aceh.txt'), {
      source: 'aceh.txt',
      outlet: 'BBC',
      published: day('2026-11-04'),
    });
    expect(a.kind).toBe('created');
    expect(b.kind).toBe('created');
    expect(tracker.stories()).toHaveLength(2);
  });

  it('puts a follow-up on the same earthquake into its story', () => {
    const tracker = new StoryTracker();
    tracker.add(brief(quakeA('AP'), 'peru.txt'), { source: 'peru.txt', outlet: 'AP', published: day('2026-11-02') });
    tracker.add(brief(quakeB, 'aceh.txt'), { source: 'aceh.txt', outlet: 'BBC', published: day('2026-11-04') });
    const c = tracker.add(brief(quakeA2, 'peru-2.txt'), {
      source: 'peru-2.txt',
      outlet: 'Reuters',
      published: day('2026-11-03'),
    });
    expect(c.kind).toBe('joined');
    expect(c.story.articles.map((x) => x.id)).toHaveLength(2);
    expect(c.story.id).toBe(
      tracker.stories().find((s) => s.articles.some((x) => x.briefing.source === 'peru.txt'))!.id,
    );
  });

  it.fails('starts a new story for the same kind of event years apart', () => {
    const tracker = new StoryTracker();
    tracker.add(brief(quakeA('AP'), 'peru-2019.txt'), { source: 'peru-2019.txt', published: day('2019-08-15') });
    const later = tracker.add(brief(quakeA2, 'peru-2024.txt'), {
      source: 'peru-2024.txt',
      published: day('2024-08-15'),
    });
    expect(later.kind).toBe('created');
  });

  it('joins the two earthquakes when the veto is off (the veto is what separates them)', () => {
    const clustered = (vetoDisjoint: boolean) => {
      const c = new StoryClusterer({ model: defaultModel(), vetoDisjoint });
      c.add(articleFeatures(brief(quakeA('AP'), 'peru.txt'), day('2026-11-02')));
      return c.add(articleFeatures(brief(quakeB, 'aceh.txt'), day('2026-11-04'))).created;
    };
    expect(clustered(true)).toBe(true);
    expect(clustered(false)).toBe(false);
  });

  it('makes a wire reprint one article with two sources', () => {
    const tracker = new StoryTracker();
    const first = tracker.add(brief(quakeA('AP'), 'ap.txt'), {
      source: 'ap.txt',
      outlet: 'AP',
      published: day('2026-11-02'),
    });
    const reprint = tracker.add(brief(`LIMA (AP) — ${quakeA('AP')}\nCopyright The Associated Press.`, 'paper.txt'), {
      source: 'paper.txt',
      outlet: 'Daily Paper',
      published: day('2026-11-02'),
    });
    expect(reprint.kind).toBe('duplicate');
    expect(reprint.article).toBe(first.article);
    expect(reprint.article.sources.map((s) => s.outlet)).toEqual(['AP', 'Daily Paper']);
    expect(tracker.stories()[0]!.articles).toHaveLength(1);
  });

  it('is deterministic for a given order', () => {
    const run = () => {
      const t = new StoryTracker();
      for (const [text, src] of [
        [quakeA('AP'), 'a'],
        [quakeB, 'b'],
        [quakeA2, 'c'],
      ] as const)
        t.add(brief(text, src), { source: src, published: day('2026-11-03') });
      return t.stories().map((s) => s.articles.map((a) => a.id));
    };
    expect(run()).toEqual(run());
  });
});

describe('near-duplicates', () => {
  it('estimates high containment for an updated version and low for another article', () => {
    const base = signature(quakeA('AP'));
    expect(
      containment(base, signature(`${quakeA('AP')}\nThe toll is expected to rise, officials said on Tuesday evening.`)),
    ).toBeGreaterThan(0.8);
    expect(containment(base, signature(quakeB))).toBeLessThan(0.3);
  });
});

describe('numbers outlets disagree on', () => {
  const art = (id: string, outlet: string, text: string) => ({
    id,
    briefing: deriveBriefing({ text, source: `${id}.txt` }),
    sources: [{ source: `${id}.txt`, outlet }],
    arrivedAt: 0,
  });
  it('lists both versions of a count the outlets give differently, and nothing for one outlet’s own two figures', () => {
    const story = {
      id: 's',
      lastActivity: 0,
      articles: [
        art(
          'a',
          'AP',
          'Flood\n\nThe flood forced 200 families from their homes, officials said. It destroyed 3 bridges.',
        ),
        art('b', 'BBC', 'Flood\n\nThe flood forced 350 families from their homes in 2026. It destroyed 3 bridges.'),
      ],
    };
    expect(numberDifferences(story).map((d) => d.versions)).toEqual([
      [
        { text: '200 families', outlets: ['AP'] },
        { text: '350 families', outlets: ['BBC'] },
      ],
    ]);
    const alone = {
      ...story,
      articles: [art('c', 'AP', 'Flood\n\nIt forced 200 families out. Later it forced 350 families out.')],
    };
    expect(numberDifferences(alone)).toEqual([]);
  });
});

describe('names outlets spell differently', () => {
  const art = (id: string, outlet: string, text: string) => ({
    id,
    briefing: deriveBriefing({ text, source: `${id}.txt` }),
    sources: [{ source: `${id}.txt`, outlet }],
    arrivedAt: 0,
  });
  const story = (...articles: ReturnType<typeof art>[]) => ({ id: 's', lastActivity: 0, articles });
  it('shows both spellings of a name, with the outlets that write each', () => {
    const s = story(
      art('a', 'AP', 'Talks\n\nLeader Alexis Kouyias met the envoy on Monday, and Kouyias said the talks went well.'),
      art('b', 'BBC', 'Talks\n\nLeader Alexis Kougias met the envoy on Monday, and Kougias said the talks went well.'),
    );
    expect(nameDifferences(s).map((d) => d.versions)).toEqual([
      [
        { text: 'Alexis Kouyias', outlets: ['AP'] },
        { text: 'Alexis Kougias', outlets: ['BBC'] },
      ],
    ]);
  });
  it('does not flag a middle initial, a short first name, or two people one article names', () => {
    const initial = story(
      art('a', 'AP', 'Parks\n\nSecretary Dirk Kempthorne spoke on Monday. Kempthorne left.'),
      art('b', 'BBC', 'Parks\n\nSecretary Dirk A. Kempthorne spoke on Monday. Kempthorne left.'),
    );
    expect(nameDifferences(initial)).toEqual([]);
    const nickname = story(
      art('a', 'AP', 'Game\n\nGuard Louis Williams scored on Monday. Williams left.'),
      art('b', 'BBC', 'Game\n\nGuard Lou Williams scored on Monday. Williams left.'),
    );
    expect(nameDifferences(nickname)).toEqual([]);
    const two = story(art('a', 'AP', 'Court\n\nJudge Maria Hansen and lawyer Marie Hanson spoke on Monday.'));
    expect(nameDifferences(two)).toEqual([]);
  });
});
