// Look-alike events that share a team, a place and most words: the person each article names most, and the words
// of its headline and lead, are what the clusterer weighs to keep them apart (two arrests on one team, a coach
// fired and the same coach hired).
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { articleFeatures } from '../../src/stories/features.js';
import { defaultModel, probability } from '../../src/stories/model.js';
import { PAIR_FEATURES } from '../../src/stories/pair-features.js';

const features = (text: string, source: string) => articleFeatures(deriveBriefing({ text, source }));
const col = (name: (typeof PAIR_FEATURES)[number]) => PAIR_FEATURES.indexOf(name);

const jackson = `Chargers receiver Vincent Jackson arrested on suspicion of drunk driving
San Diego Chargers receiver Vincent Jackson was arrested early Tuesday on suspicion of drunk driving, police said.
Jackson was stopped by the California Highway Patrol on Interstate 15 in San Diego and booked into county jail.
Jackson will play on Sunday against the Pittsburgh Steelers, general manager A.J. Smith said.`;

const jacksonLater = `Jackson to play despite drunk driving arrest
Vincent Jackson will start on Sunday against the Pittsburgh Steelers despite his arrest on suspicion of drunk driving.
General manager A.J. Smith said the San Diego Chargers receiver had apologised to the team.
Jackson was released from county jail in San Diego on Tuesday, police said.`;

const williams = `Chargers nose tackle Jamal Williams faces drunk driving charge
Jamal Williams, the San Diego Chargers nose tackle, was arrested on suspicion of drunk driving after a traffic stop.
Officers said Williams failed a sobriety test near his home in Poway and was released on bail the same morning, a week before the team's minicamp.
His lawyer Brian Pennings said Williams would plead not guilty. Receiver Vincent Jackson was arrested in a similar case last year.`;

/** The pair features of `second` against a story holding only `first`. */
function against(first: string, second: string) {
  const c = new StoryClusterer({ model: defaultModel() });
  c.add(features(first, 'first.txt'));
  const f = features(second, 'second.txt');
  const [cand] = c.candidates(f, c.observe(f));
  return cand!.features;
}

describe('look-alike events: the person named most', () => {
  it('is the surname of the person an article names most, and null when it names nobody', () => {
    expect(features(williams, 'w.txt').person).toBe('~williams');
    expect(features(jackson, 'j.txt').person).toBe('~jackson');
    expect(features('The council met on Monday and approved the budget for the library.', 'c.txt').person).toBeNull();
  });

  it('marks the same person as a match and a different one as a clash, even when the other is named too', () => {
    const same = against(jackson, jacksonLater);
    expect([same[col('personSame')], same[col('personClash')]]).toEqual([1, 0]);
    // Williams's story names Jackson's earlier arrest, but Williams is who it is about.
    const other = against(jackson, williams);
    expect([other[col('personSame')], other[col('personClash')]]).toEqual([0, 1]);
  });

  it('weighs a surname as the story does, so a copy of the story’s article matches its person and never clashes', () => {
    // Two Williamses named once each outweigh one Smith named twice, in the article as in its story.
    const sisters = `Venus Williams and Serena Williams reach the final in Melbourne
Venus Williams beat the top seed on Thursday. Serena Williams won her semi-final in three sets.
Coach John Smith said the final would be close. Smith has coached both players since 2010.`;
    expect(features(sisters, 's.txt').person).toBe('~williams');
    const copy = against(sisters, sisters);
    expect([copy[col('personSame')], copy[col('personClash')]]).toEqual([1, 0]);
  });

  it('rates a clash below the same person, all else equal', () => {
    const x = against(jackson, williams);
    const asSame = [...x];
    asSame[col('personSame')] = 1;
    asSame[col('personClash')] = 0;
    expect(probability(defaultModel(), x)).toBeLessThan(probability(defaultModel(), asSame) - 0.05);
  });

  it('starts a new story for the second arrest and joins the follow-up on the first', () => {
    const c = new StoryClusterer({ model: defaultModel() });
    c.add(features(jackson, 'j1.txt'));
    expect(c.add(features(williams, 'w.txt')).created).toBe(true);
    expect(c.add(features(jacksonLater, 'j2.txt'))).toMatchObject({ created: false, story: 0 });
  });
});

describe('look-alike events: headline and lead words', () => {
  const fired = `Sixers fire coach Maurice Cheeks after slow start
The Philadelphia 76ers fired coach Maurice Cheeks on Saturday after a 9-14 start to the season.
Assistant Tony DiLeo will take over for the rest of the season, general manager Ed Stefanski said.
Cheeks had coached the team since 2005 and led it to the playoffs twice.`;
  const firedAgain = `Cheeks fired as 76ers coach
Maurice Cheeks was fired on Saturday as coach of the Philadelphia 76ers, who have lost nine of their last twelve.
General manager Ed Stefanski said Tony DiLeo would coach the team for the rest of the season.
The 76ers reached the playoffs twice under Cheeks.`;
  const hired = `Sixers hire Maurice Cheeks as head coach
The Philadelphia 76ers hired Maurice Cheeks as head coach on Monday, introducing him at a news conference.
Cheeks, a former Sixers guard, signed a four-year contract, general manager Billy King said.
He coached the Portland Trail Blazers for four seasons before he was let go.`;

  it('keeps the headline and first sentences, not a URL line or the title repeated as the first sentence', () => {
    const f = features(`http: / / www. example. com / 2005 / sixers - hire - cheeks\n${hired}`, 'h.txt');
    expect([...f.lead.keys()]).toEqual(expect.arrayContaining(['hir', 'cheek', 'coach']));
    expect([...f.lead.keys()].some((t) => t.includes('http') || t === 'www')).toBe(false);
    expect([...f.lead.keys()]).not.toContain('portland');
  });

  it('scores the same event’s lead closer than the look-alike’s', () => {
    expect(against(fired, firedAgain)[col('leadCos')]!).toBeGreaterThan(against(fired, hired)[col('leadCos')]!);
  });
});

describe('a saved clusterer keeps the person and lead of its stories', () => {
  it('scores the next article the same after a JSON round trip of its snapshot', () => {
    const model = defaultModel();
    const c = new StoryClusterer({ model });
    c.add(features(jackson, 'j1.txt'));
    c.add(features(williams, 'w.txt'));
    const restored = StoryClusterer.restore({ model }, JSON.parse(JSON.stringify(c.snapshot())));
    expect(restored.stories.map((s) => [s.person, s.lead.size])).toEqual(c.stories.map((s) => [s.person, s.lead.size]));
    const next = features(jacksonLater, 'j2.txt');
    const scored = (k: StoryClusterer) => k.candidates(next, k.observe(next)).map((x) => x.features);
    expect(scored(restored)).toEqual(scored(c));
  });
});
