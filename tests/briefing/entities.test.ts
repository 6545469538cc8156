import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractEntities, indexEntities } from '../../src/briefing/entities.js';
import { splitSentences } from '../../src/briefing/sentences.js';

const entities = (text: string) => extractEntities(splitSentences(cleanDocument(text)));
const names = (list: Array<{ name: string }>) => list.map((e) => e.name);

describe('extractEntities', () => {
  it('merges surnames, spelling variants and titles into one person, counting every mention', () => {
    const e = entities(
      'Dr. Maria L. Ostrova met Pak Sun-il in Oslo. Maria Ostrova said little. Later Pak Sun Il left, and Pak waved. Ostrova stayed.',
    );
    const ostrova = e.people.find((p) => p.name.includes('Ostrova'))!;
    expect(ostrova.name).toBe('Maria L. Ostrova');
    expect(ostrova.mentions).toBe(3);
    const pak = e.people.find((p) => p.name.startsWith('Pak'))!;
    expect(pak.mentions).toBe(3);
    expect(names(e.people)).not.toContain('Dr. Maria L. Ostrova');
    expect(names(e.places)).toEqual(['Oslo']);
  });

  it('keeps Arabic particles in a name and drops post-nominal letters and jobs written before it', () => {
    const e = entities(
      'Deputy Foreign Minister Faisal al-Mekdad spoke. Mekdad left. Tom Reed MP agreed. Trainer Ola Berg said little. Reed and Berg left.',
    );
    expect(names(e.people).sort()).toEqual(['Faisal al-Mekdad', 'Ola Berg', 'Tom Reed']);
    expect(e.people.every((p) => p.mentions === 2)).toBe(true);
  });

  it('takes a name ending in a geographic word for a place, not a person', () => {
    const e = entities('Louis Ames sailed out to the Gulf Stream and drifted past Orange County. Ames survived.');
    expect(names(e.people)).toEqual(['Louis Ames']);
    expect(names(e.places)).toEqual(expect.arrayContaining(['Gulf Stream', 'Orange County']));
  });

  it('keeps relatives who share a surname apart, by the title’s sex and the whole surname', () => {
    const e = entities(
      'Nazanin Zaghari-Ratcliffe was jailed in Tehran. Her husband, Richard Ratcliffe, campaigned in London. ' +
        'Mrs Zaghari-Ratcliffe denied the charges. Mr Ratcliffe said the trial was secret. Ratcliffe spoke again.',
    );
    const people = Object.fromEntries(e.people.map((p) => [p.name, p.mentions]));
    expect(people).toEqual({ 'Nazanin Zaghari-Ratcliffe': 2, 'Richard Ratcliffe': 3 });
  });

  it('keeps a follower’s or trade’s label out of a full name ("Scientologist John Travolta")', () => {
    const e = entities('The film opened, but Scientologist Dana Holt is not a fan. Holt left early.');
    expect(names(e.people)).toEqual(['Dana Holt']);
    expect(e.people[0]!.mentions).toBe(2);
  });

  it('never makes entities of sentence-initial words or punctuation fragments', () => {
    const e = entities(
      'According to the mayor, roads closed. While Ben Adu waited, rain fell. Per the Daily Tribune, it ended. Ben Adu left.',
    );
    const all = [...e.people, ...e.organizations, ...e.places].flatMap((x) => [x.name, ...x.aliases]);
    expect(all).not.toContain('According');
    expect(all).not.toContain('While');
    expect(all).not.toContain('Per');
    expect(all.every((n) => !/[,.;:]$/.test(n))).toBe(true);
    expect(names(e.people)).toEqual(['Ben Adu']);
    expect(names(e.organizations)).toEqual(['Daily Tribune']);
  });

  it('joins short forms and acronyms of organisations and demonyms of places', () => {
    const e = entities(
      'The Morning Courier Journal reported it first. The Journal later added detail. The United Press Agency agreed, and UPA said so. Two Kenyans and a Kenyan diplomat visited Kenya.',
    );
    const journal = e.organizations.find((o) => o.name === 'Morning Courier Journal')!;
    expect(journal.aliases).toContain('Journal');
    expect(journal.mentions).toBe(2);
    expect(e.organizations.find((o) => o.name === 'United Press Agency')!.aliases).toContain('UPA');
    const kenya = e.places.find((p) => p.name === 'Kenya')!;
    expect(kenya.mentions).toBe(3);
  });

  it('sorts by mentions and describes people from appositives and role nouns', () => {
    const e = entities(
      'Its governor, Lena Faro, spoke. Tom Reed, a retired pilot, listened. Faro nodded. Faro left. Reed stayed.',
    );
    expect(names(e.people)).toEqual(['Lena Faro', 'Tom Reed']);
    expect(e.people[0]!.description).toContain('governor');
    expect(e.people[1]!.description).toContain('a retired pilot');
  });

  it('describes a person by the words between a speech verb and the name, whatever the noun', () => {
    const e = entities(
      '"Students asked for this," said head librarian Tom Okafor. "We heard a bang," said shopkeeper Raj Patel. Voters asked if Jane Doe would run.',
    );
    const of = (name: string) => e.people.find((p) => p.name === name)?.description;
    expect(of('Tom Okafor')).toBe('head librarian');
    expect(of('Raj Patel')).toBe('shopkeeper');
    expect(of('Jane Doe') ?? '').not.toContain('if');
  });
});

describe('people and places right', () => {
  const withPosts = (text: string) => {
    const doc = cleanDocument(text);
    return indexEntities(splitSentences(doc), doc.socialPosts).entities;
  };

  it('never makes a place of a word of a known person’s name, whatever the preposition before it', () => {
    const e = entities('Ola Vinter met Tom Reed twice. Reed wrote a letter to Vinter. Later a gift came from Vinter.');
    expect(names(e.places)).not.toContain('Vinter');
    expect(e.people.find((p) => p.name === 'Ola Vinter')!.mentions).toBe(3);
  });

  it('still takes an unknown name after a place preposition for a place', () => {
    expect(names(entities('Tom Reed flew from Ostrava. Reed landed.').places)).toContain('Ostrava');
  });

  it('lists people named only inside an embedded post, marked as such, without counting them as prose people', () => {
    const e = withPosts(
      'Tom Reed spoke on Monday. Reed said little, and a critic wrote:\n' +
        'Funny how Mayor Ada Brill gets her way every time.\n' +
        '— Sam Holt (@samholt) May 2, 2024\n\n' +
        'Reed left.',
    );
    const brill = e.people.find((p) => p.name === 'Ada Brill');
    expect(brill).toMatchObject({ inPost: true });
    expect(e.people.find((p) => p.name === 'Tom Reed')!.inPost).toBeUndefined();
    expect(e.people[0]!.name).toBe('Tom Reed');
  });

  it('does not take venues, plural brand names or contractions for people', () => {
    const e = entities(
      'The club at Rugby Park named Dan Ames manager. He flies Lear Jets and backs the Leith Rovers. ' +
        '‘I’ve worked hard,’ said Ames. Ames left for Quicken Arena.',
    );
    expect(names(e.people)).toEqual(['Dan Ames']);
    const all = [...e.people, ...e.organizations, ...e.places].flatMap((x) => [x.name, ...x.aliases]);
    expect(all).not.toContain('I’ve');
    expect(names(e.places)).toContain('Rugby Park');
  });

  it('keeps a surname that looks plural or venue-like after a first name or before a description', () => {
    const e = entities('Tom Banks met Ken Hall. Nola Hicks, a spokeswoman, said nothing. Banks, Hall and Hicks left.');
    expect(names(e.people).sort()).toEqual(['Ken Hall', 'Nola Hicks', 'Tom Banks']);
  });

  it('takes a full name written only in the Title Case headline for the surname the prose uses', () => {
    const e = entities('Lena Faro: ‘The Council Must Act Now.’\n\nThe council met on Monday. Faro said it must act.');
    expect(names(e.people)).toEqual(['Lena Faro']);
    expect(e.people[0]!.aliases).toContain('Faro');
  });

  it('tells a person with a plural-looking surname from a team or brand by the first-name lexicon', () => {
    const e = entities(
      'Britney Spears and Dominic Rhodes watched the Detroit Lions beat the Chicago Bears. Spears left.',
    );
    expect(names(e.people).sort()).toEqual(['Britney Spears', 'Dominic Rhodes']);
    expect(names(e.organizations)).toEqual(expect.arrayContaining(['Detroit Lions', 'Chicago Bears']));
  });

  it('starts no entity from a Title Case headline', () => {
    const e = entities(
      'Look At Lena Faro’s Shocking Response To Learning Soldiers Died.\n\nLena Faro said nothing on Monday.',
    );
    expect(names(e.people)).toEqual(['Lena Faro']);
    expect(names(e.organizations)).toEqual([]);
  });
});

describe('explicit wiring', () => {
  it('keeps no module-level WeakMap in the briefing stage: the entity index is passed to the quote stage', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../src/briefing/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const hidden = files.filter((f) =>
      /^(?:const|let)\s+\w+\s*=\s*new WeakMap\b/m.test(readFileSync(new URL(f, dir), 'utf8')),
    );
    expect(hidden).toEqual([]);
  });
});

describe('descriptions', () => {
  const person = (text: string, name: string) => entities(text).people.find((p) => p.name === name);

  it('reads a role noun phrase written before the name, past a title, and with an article dropped', () => {
    expect(person('On Monday moderator Dana Holt asked. Holt waited.', 'Dana Holt')!.description).toBe('moderator');
    expect(
      person('It has an admirer in British diplomat Sir Peter Vane. Vane smiled.', 'Peter Vane')!.description,
    ).toContain('British diplomat');
    expect(person('The insurance executive Hank Moss gave money. Moss left.', 'Hank Moss')!.description).toContain(
      'insurance executive',
    );
  });

  it('reads a bare appositive headed by a role, and one after an age', () => {
    expect(person('Jo Marsh, host of the Morning Show, laughed. Marsh left.', 'Jo Marsh')!.description).toBe(
      'host of the Morning Show',
    );
    expect(
      person('“Fine,” says Gale Ortiz, 34, a nurse from Brownsville, who voted.', 'Gale Ortiz')!.description,
    ).toContain('a nurse from Brownsville');
  });

  it('reads "the first … to …" clauses, without the date after them', () => {
    const d = person(
      'Tom Reed made history, with Reed even becoming the first U.S. senator to set foot in Ruritania on June 30, 2019.',
      'Tom Reed',
    )!.description;
    expect(d).toBe('the first U.S. senator to set foot in Ruritania');
  });

  it('prefers a role to a relative clause or a bare title, and takes no clause that reports speech', () => {
    const e = entities(
      'Dr. Ann Vole, who grew up in Leeds, spoke. The lawyer Ann Vole left. Cal Ward left early, the Post reported.',
    );
    expect(e.people.find((p) => p.name === 'Ann Vole')!.description!.startsWith('lawyer')).toBe(true);
    expect(e.people.find((p) => p.name === 'Cal Ward')!.description).toBeUndefined();
  });

  it('reads a possessive before the name as where the person belongs', () => {
    expect(person('The deal suits Ruritania’s Lena Faro. Faro smiled.', 'Lena Faro')!.description).toBe('of Ruritania');
  });

  it('gives no description when the story offers none', () => {
    expect(person('Lena Faro arrived on Monday. Faro left on Tuesday.', 'Lena Faro')!.description).toBeUndefined();
  });
});

describe('doubtful people', () => {
  it('lists a "person" nothing marks as one (no title, description, known first name or lone surname) as an organisation', () => {
    const e = entities('The fees were paid by Goldman Sachs on Monday. Tom Reed wrote about Goldman Sachs again.');
    expect(names(e.people)).toEqual(['Tom Reed']);
    expect(names(e.organizations)).toContain('Goldman Sachs');
  });

  it('never lists one name both among the people and the organisations', () => {
    const e = entities('Deputy finance minister Dimitris Mardas spoke. Later Dimitris Mardas left. Mardas smiled.');
    const all = [...e.people, ...e.organizations].map((x) => x.name);
    expect(all.filter((n) => n === 'Dimitris Mardas').length).toBeLessThanOrEqual(1);
  });

  it('keeps such a name among the people when the story quotes it', async () => {
    const { deriveBriefing } = await import('../../src/briefing/derive.js');
    const b = deriveBriefing({
      text: '“We will not move,” said Qyx Vandermolt on Monday. The council met.',
      source: 't',
    });
    expect(b.quotes[0]!.speaker).toBe('Qyx Vandermolt');
    expect(names(b.entities.people)).toEqual(['Qyx Vandermolt']);
  });

  it('lists no group noun that opens a sentence as a person ("Officials said", "Witnesses said")', () => {
    const e = entities(
      'Officials said the dam held. Witnesses said the water rose. Investigators said Ana Ruiz called.',
    );
    expect(names(e.people)).toEqual(['Ana Ruiz']);
  });
});
