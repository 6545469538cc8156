import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractEntities } from '../../src/briefing/entities.js';
import { extractQuotes } from '../../src/briefing/quotes.js';
import { splitSentences } from '../../src/briefing/sentences.js';

const speakers = (...paragraphs: string[]) => {
  const text = paragraphs.join('\n\n');
  const s = splitSentences(cleanDocument(text));
  return extractQuotes(text, s).map((q) => [q.text, q.speaker]);
};

describe('speaker resolution', () => {
  it('reads role nouns as the person the article described so, or the one it was just talking about', () => {
    expect(
      speakers(
        'Former Secretary of State Lena Faro met Tom Reed in Oslo.',
        '“The talks went well,” the former secretary of state said.',
      ),
    ).toEqual([['The talks went well,', 'Lena Faro']]);
    expect(
      speakers('Tom Reed blamed the council for the delay.', '“We need change,” the Ohio businessman said.'),
    ).toEqual([['We need change,', 'Tom Reed']]);
    // Nobody described or just talked about: no guess.
    expect(speakers('Rain fell all day.', '“We need change,” the businessman said.')).toEqual([
      ['We need change,', null],
    ]);
  });

  it('reads someone’s aide as the aide, not the person named in the possession', () => {
    expect(
      speakers(
        'Dana Holt on Monday urged Vic Ames to apologise.',
        '“That was outrageous,” Ames’s former campaign strategist said.',
      ),
    ).toEqual([['That was outrageous,', 'Dana Holt']]);
  });

  it('gives a pronoun the previous sentence’s subject rather than the last name mentioned', () => {
    expect(speakers('Tom Reed is demanding that Paul Ames make a pledge.', '“Will you pledge it?” he asks.')).toEqual([
      ['Will you pledge it?', 'Tom Reed'],
    ]);
    // Within one sentence the nearest earlier name wins.
    expect(speakers('Tom Reed said Paul Ames was “absolutely right” when he said the plan was “a disaster.”')).toEqual([
      ['absolutely right', 'Tom Reed'],
      ['a disaster.', 'Paul Ames'],
    ]);
  });

  it('finds the subject past appositives, settings and party tags', () => {
    expect(
      speakers(
        'Ruth Kane, a historian who attended the session, recalled, “He was furious.”',
        'Sen. Ann Bell (R-Ohio), at a later press event, said, “We will vote no.”',
        '“It is a waste,” Cara Dunn, the director at the Center for Media and a film producer, told the Daily Courier.',
      ),
    ).toEqual([
      ['He was furious.', 'Ruth Kane'],
      ['We will vote no.', 'Ann Bell'],
      ['It is a waste,', 'Cara Dunn'],
    ]);
  });

  it('does not take a subordinate clause after a quote for its attribution', () => {
    expect(speakers('The ad shows Tom Reed saying, “That makes me smart,” when Ann Bell blasted him.')).toEqual([
      ['That makes me smart,', 'Tom Reed'],
    ]);
  });

  it('keeps listed quotes with the cue before them and skips titles between quotes', () => {
    expect(
      speakers(
        '“You won?” she asked, and as Tom Reed went on about “rigged systems,” and “our own citizens,” Ann Bell said yes.',
        '“It is over,” Paul Ames said on “Good Day Show.” “We lost.”',
      ),
    ).toEqual([
      ['You won?', null],
      ['rigged systems,', 'Tom Reed'],
      ['our own citizens,', 'Tom Reed'],
      ['It is over,', 'Paul Ames'],
      ['We lost.', 'Paul Ames'],
    ]);
  });

  it('names no group, party word or modifier as a speaker', () => {
    expect(
      speakers('“We are tired,” Protesters said.', 'The survey rated 32% of Republican claims as “false.”'),
    ).toEqual([
      ['We are tired,', null],
      ['false.', null],
    ]);
  });
});

describe('what is not a quotation', () => {
  it('drops programme names, nicknames inside names and words quoted as words, keeps chants and partial quotes', () => {
    expect(
      speakers(
        'Sen. Ann Bell said on “Good Day Show” that the plan was a “very beautiful letter.”',
        'State Del. Marcia “Cia” Vale waved, and the crowd shouted, “Lock Her Up!”',
        'The ad switches “she” for “he” throughout.',
      ),
    ).toEqual([
      ['very beautiful letter.', 'Ann Bell'],
      ['Lock Her Up!', null],
    ]);
  });
});

describe('speakers across sentences and paragraphs', () => {
  it('takes “He said:” standing alone as the cue for the quote opening the next paragraph', () => {
    expect(speakers('Tom Reed spoke about the city.', 'He said:', '"We have a situation here."')).toEqual([
      ['We have a situation here.', 'Tom Reed'],
    ]);
  });

  it('carries a topic through sentences that name nobody and past an opening phrase', () => {
    expect(
      speakers(
        'On Monday night, Nadia Orr leaned in hard.',
        'She started with wages. She then pressed her rival on taxes.',
        '“Why won’t he release them?” she said.',
      ),
    ).toEqual([['Why won’t he release them?', 'Nadia Orr']]);
  });

  it('gives a quote paragraph to the person whose speech the paragraph before reports, and no one otherwise', () => {
    expect(speakers('Tom Reed said the deal was bad.', '“It is a disaster.”', 'Rain fell.', '“Nobody knows.”')).toEqual(
      [
        ['It is a disaster.', 'Tom Reed'],
        ['Nobody knows.', null],
      ],
    );
  });
});

// Partial quotes inside reported speech (PolNeAR "mixed" attributions on dev, a check never tuned on before).
describe('speakers of phrases quoted inside a sentence', () => {
  it('a verb joined by "and" keeps the sentence subject', () => {
    expect(
      speakers(
        'Donald Trump spoke to veterans in Ohio. Donald Trump is telling a veterans group that the army is “depleted” and says he will expand it.',
      ),
    ).toContainEqual(['depleted', 'Donald Trump']);
  });

  it('a phrase quoted in a sentence that leads with a person is theirs, after an opening phrase too', () => {
    const text =
      'Senator Maria Okafor spoke in Dayton on Monday. In recent weeks, Okafor has gone after the governor as a “spoiled brat.” Voters cheered.';
    expect(speakers(text)).toContainEqual(['spoiled brat.', 'Maria Okafor']);
  });

  it('stays unattributed when the sentence leads with no person', () => {
    const text =
      'Senator Maria Okafor spoke in Dayton on Monday. The plan was described as “a mess” by several groups.';
    expect(speakers(text)).toContainEqual(['a mess', null]);
  });

  it('a speech word used as a noun ("late-night tweets") is not the cue', () => {
    const text =
      'Hillary Clinton spoke in Ohio. Hillary Clinton says Donald Trump’s flurry of late-night tweets was “unhinged, even for him.”';
    expect(speakers(text)).toContainEqual(['unhinged, even for him.', 'Hillary Clinton']);
  });

  it('"what she calls" is said by who "she" is', () => {
    const text =
      'Hillary Clinton spoke in Ohio. Clinton says she answered Donald Trump’s insults through what she calls a “war of unpleasant words.”';
    expect(speakers(text)).toContainEqual(['war of unpleasant words.', 'Hillary Clinton']);
  });
});

describe('speaker resolution, session 3 rules (from PolNeAR dev mixed attributions)', () => {
  it('reads nothing after a quote that ends its sentence with a full stop', () => {
    expect(speakers('Norway branded the plan “reckless.” Prime Minister Ola Berg said it was “a mistake.”')).toEqual([
      ['reckless.', 'Norway'],
      ['a mistake.', 'Ola Berg'],
    ]);
    // …unless the next sentence is only an attribution.
    expect(speakers('Ola Berg met Tom Reed. “We will win.” Tom Reed said on Tuesday.')).toEqual([
      ['We will win.', 'Tom Reed'],
    ]);
  });

  it('after a fragment quoted mid-sentence, the sentence going on is no cue', () => {
    expect(
      speakers('Senator Ada Lund said the allies would take “robust steps” in response, and she urged talks.'),
    ).toEqual([['robust steps', 'Ada Lund']]);
    expect(
      speakers('Senator Ada Lund spoke in Oslo. A clerk who “steals a few dollars” is punished, Lund said.'),
    ).toEqual([['steals a few dollars', 'Ada Lund']]);
  });

  it('a speech verb joined by "and" shares the subject of its clause', () => {
    expect(
      speakers(
        'Ada Lund, the former mayor, praised the deal during a “Harbor Forum” run by Harbor Group and said she has one quality: “Patience, and more patience.”',
      ),
    ).toContainEqual(['Patience, and more patience.', 'Ada Lund']);
  });

  it('a possessor is not the subject: “X’s campaign manager Y said…, arguing”', () => {
    expect(
      speakers(
        'Ada Lund’s campaign manager Tom Reed said as much on Monday, arguing that Paul Ames “ignored the generals.”',
      ),
    ).toEqual([['ignored the generals.', 'Tom Reed']]);
  });

  it('skips two asides between a name and its verb', () => {
    expect(
      speakers(
        'Tom Reed, the foreign minister of Norway, a founding member of the council, said the test “cannot go unanswered.”',
      ),
    ).toEqual([['cannot go unanswered.', 'Tom Reed']]);
    expect(speakers('Even Canada, Norway’s closest ally, said it was “resolutely opposed” to the test.')).toEqual([
      ['resolutely opposed', 'Canada'],
    ]);
  });

  it('gives words owned in the possessive to their owner, unless a speech verb makes them its object', () => {
    expect(
      speakers('The fact-checkers examined Paul Ames’s claim that there were “thousands of shootings” in the city.'),
    ).toEqual([['thousands of shootings', 'Paul Ames']]);
    expect(speakers('Ada Lund called Paul Ames’s remarks “a wake-up call” for voters.')).toEqual([
      ['a wake-up call', 'Ada Lund'],
    ]);
  });

  it('a possessor is not what a later pronoun means', () => {
    expect(
      speakers('Ada Lund says she admired Maria Okafor’s courage through what she calls a “war of words.”'),
    ).toEqual([['war of words.', 'Ada Lund']]);
  });

  it('"it" is the organization that leads the sentence', () => {
    expect(
      speakers(
        'The Harbor Council on Friday condemned the test and pledged sanctions against what it called “a clear threat to peace.”',
      ),
    ).toEqual([['a clear threat to peace.', 'Harbor Council']]);
    expect(speakers('On Friday the test was condemned, and what it called “a clear threat” went unanswered.')).toEqual([
      ['a clear threat', null],
    ]);
  });

  it('the subject of a passive speech verb was spoken of, not speaking', () => {
    expect(speakers('Ada Lund spoke on Monday. Online, she was called everything from “rude” to “a coward.”')).toEqual([
      ['rude', null],
      ['a coward.', null],
    ]);
  });

  it('a title named after the kind of work it is is no quote', () => {
    expect(
      speakers('Critics praised the documentary “Going Clear: faith, fame and the prison of belief” on Friday.'),
    ).toEqual([]);
  });

  it('a statement "calling" something is its issuer’s words', () => {
    expect(
      speakers(
        'After a swiftly called meeting, the Harbor Council issued a statement calling the test “a clear violation.”',
      ),
    ).toEqual([['a clear violation.', 'Harbor Council']]);
  });

  it('"but stopped short of calling…" after a quote is the sentence going on, not its attribution', () => {
    expect(
      speakers(
        'Paul Ames further described the shooting as a “terrible situation,” but stopped short of calling it a crime.',
      ),
    ).toEqual([['terrible situation,', 'Paul Ames']]);
  });

  it('a participle phrase ("going on to say") has its clause’s subject', () => {
    expect(
      speakers(
        '“We have come far,” Tom Reed said, going on to say that the country spent “hundreds of years fighting.”',
      ),
    ).toContainEqual(['hundreds of years fighting.', 'Tom Reed']);
  });

  it('a quote opening a sentence after "…, X said." is X’s', () => {
    expect(
      speakers(
        'Senator Ada Lund spoke in Oslo. The agency may wait while the talks go on, Lund said. “The other factor is the election.”',
      ),
    ).toEqual([['The other factor is the election.', 'Ada Lund']]);
  });

  it('a phrase quoted mid-sentence takes no speaker from quotes in other sentences of its paragraph', () => {
    expect(speakers('“We were lucky,” Tom Reed said. The “black box” of the jet was opened on Friday.')).toEqual([
      ['We were lucky,', 'Tom Reed'],
      ['black box', null],
    ]);
    // …but a quote opening its sentence goes on with the paragraph's speaker.
    expect(speakers('“This is wrong,” Ada Lund said. “You blamed thousands of” workers.')).toEqual([
      ['This is wrong,', 'Ada Lund'],
      ['You blamed thousands of', 'Ada Lund'],
    ]);
  });

  it('a passive speech verb is skipped, not taken for the end of the cue', () => {
    expect(
      speakers('Tom Reed said he will learn what was said in court but the outcome “might come next week.”'),
    ).toEqual([['might come next week.', 'Tom Reed']]);
  });

  it('what is said of a relative ("whose wife") says nothing of the person’s sex', () => {
    expect(
      speakers(
        'Film star John Travolta, whose wife, Kelly Preston, is an actress, spoke in Tampa. He called the film “brilliant” on Friday.',
      ),
    ).toEqual([['brilliant', 'John Travolta']]);
  });

  it('a role a story gives to somebody else ("the judge") is not the person it was talking about', () => {
    expect(
      speakers('James Thomas, 44, faced the same charge. The judge said Ms Lund had “an appalling record” on Friday.'),
    ).toEqual([['an appalling record', null]]);
  });

  it('reads a lone surname as the person named in full, even when it is a demonym or an everyday word', () => {
    expect(
      speakers(
        'Rosa Cuban, who owns a bakery, says prices are rising.',
        '“Flour costs twice what it did,” Cuban said.',
      ),
    ).toEqual([['Flour costs twice what it did,', 'Rosa Cuban']]);
    expect(
      speakers('Bank chief Ian Read spoke to analysts on Monday.', '“We believe this deal is a good one,” Read said.'),
    ).toEqual([['We believe this deal is a good one,', 'Ian Read']]);
    // Nobody of that surname named before: no guess.
    expect(speakers('Prices rose again in May.', '“Flour costs twice what it did,” Cuban said.')).toEqual([
      ['Flour costs twice what it did,', null],
    ]);
  });

  it('gives “X said, adding, “…”” to X, not to the first name in the sentence', () => {
    expect(speakers('Ana Lutz left the hall early, Paul Nefzi said, adding, “She did not stay for the vote.”')).toEqual(
      [['She did not stay for the vote.', 'Paul Nefzi']],
    );
  });

  it('reads “X insisted it was “…” while adding, “…”” past the phrase quoted earlier, to the clause’s subject', () => {
    expect(
      speakers(
        'In a radio interview, Ada Stone insisted it was “too early” to back Ray Holt’s bid while adding, “His plan is a sound one.”',
      ),
    ).toEqual([
      ['too early', 'Ada Stone'],
      ['His plan is a sound one.', 'Ada Stone'],
    ]);
    expect(
      speakers(
        'On the radio, Ada Stone told listeners that Ray Holt “had a weak plan,” adding, “He lost every debate.”',
      ),
    ).toEqual([
      ['had a weak plan,', 'Ada Stone'],
      ['He lost every debate.', 'Ada Stone'],
    ]);
  });

  it('reads reported speech with a phrase quoted inside it (mixed attributions) to the one reporting', () => {
    // A sentence adverb between commas is no subject.
    expect(
      speakers(
        'Nora Hale is a senator.',
        'Hale, meanwhile, told reporters that she backs the bill because “it pays for itself.”',
      ),
    ).toEqual([['it pays for itself.', 'Nora Hale']]);
    // A participle after the quote goes on with the sentence: "states" there is no speech verb.
    expect(
      speakers(
        'Ben Lowe is a mayor. Lowe said he hopes the plan can be “the best of both worlds,” giving towns more say.',
      ),
    ).toEqual([['the best of both worlds,', 'Ben Lowe']]);
    // "…” and insisted that…": the verb joined after an earlier quote has the sentence's subject.
    expect(
      speakers(
        'Ivo Marsh said Monday that he will “form a government” and insisted that his party was “still the first force.”',
      ),
    ).toEqual([
      ['form a government', 'Ivo Marsh'],
      ['still the first force.', 'Ivo Marsh'],
    ]);
    // "whom he called “…”": the pronoun after "whom" is the speaker.
    expect(
      speakers(
        'Tom Rusk is a voter. Rusk said he has two options: vote for Ames, whom he called “the most divisive figure in years,” or stay home.',
      ),
    ).toEqual([['the most divisive figure in years,', 'Tom Rusk']]);
    // An attribution ending the sentence is every quote's in it: the rules say so, with no ranker needed.
    const text =
      'Endorsements from Ann Cole will carry “a great deal of weight” and bring the “grass-roots firepower” they need, spokesman Neil Pike said.';
    const s = splitSentences(cleanDocument(text));
    expect(extractQuotes(text, s, { ranker: null }).map((q) => [q.speaker, q.rule])).toEqual([
      ['Neil Pike', 'continued quote'],
      ['Neil Pike', 'cue subject'],
    ]);
  });

  it('finds the speaker before a colon past a party tag, after “fired back”, and before a clause after the name', () => {
    expect(
      speakers(
        'Tom Reed spoke first. Senator Ann Vale, R-Ky., delivered a blunt message to Reed: “It is time to quit attacking people.”',
      ),
    ).toEqual([['It is time to quit attacking people.', 'Ann Vale']]);
    expect(
      speakers(
        'Ann Vale is a senator. When Tom Reed said the state would sue, Vale fired back: “If they sue us, they are going to lose.”',
      ),
    ).toEqual([['If they sue us, they are going to lose.', 'Ann Vale']]);
    expect(
      speakers(
        '“Anyone who ignores our laws puts us at risk,” said voter Dan Golvach when asked about Lindsey Graham.',
      ),
    ).toEqual([['Anyone who ignores our laws puts us at risk,', 'Dan Golvach']]);
  });

  it('reads attributions that end the sentence, inverted or after an aside, as the quote’s', () => {
    expect(
      speakers(
        'Ed Rowe is a governor. Sanders “has a right to contest every primary,” just as Ames did in 2008, Rowe added.',
      ),
    ).toEqual([['has a right to contest every primary,', 'Ed Rowe']]);
    expect(
      speakers(
        'Ann Ames won Ohio. Ames “drew well from working-class voters” in the primary, said state university professor Paul Beck.',
      ),
    ).toEqual([['drew well from working-class voters', 'Paul Beck']]);
  });

  it('gives a participle its own subject, an unnamed one to nobody, and skips a leading comparison and a state', () => {
    expect(
      speakers(
        'Seb Gorka spoke. John Bolton cited the raid, with Gorka noting the folly of sending “a couple of hundred guys here and there” into the city.',
      ),
    ).toEqual([['a couple of hundred guys here and there', 'Seb Gorka']]);
    expect(
      speakers(
        'Bob Corker spoke. Like Corker, Bob Menendez also rejected the idea, arguing that there is “flexibility for the administration” in it.',
      ),
    ).toEqual([['flexibility for the administration', 'Bob Menendez']]);
    expect(
      speakers(
        'Jeb Bush is a governor. Tom Perez is a secretary. When told Perez was in the running for a bigger job, Bush thought for a moment and said that in this climate, “it is an advantage not to be a celebrity.”',
      ),
    ).toEqual([['it is an advantage not to be a celebrity.', 'Jeb Bush']]);
    expect(
      speakers(
        'Paul Ryan spoke. One operative inside the tower tried to downplay Ryan’s comments, saying they were “not a big deal around here.”',
      ),
    ).toEqual([['not a big deal around here.', null]]);
    expect(
      speakers(
        'Ann Vale spoke. Vale, during a town hall meeting in Columbus, Ohio, said she was “going to put coal companies out of business,” to boos.',
      ),
    ).toEqual([['going to put coal companies out of business,', 'Ann Vale']]);
  });

  it('takes “X …, but now said” and “X …, and calls” from the clause’s subject, and never someone’s lawyer for them', () => {
    expect(
      speakers(
        'Tom Massey is a congressman. Massey used to back Ron Pole, but now said Ames had “the chance to bring us together.”',
      ),
    ).toEqual([['the chance to bring us together.', 'Tom Massey']]);
    expect(
      speakers(
        'Ted Crane spoke in Iowa. Crane said he would make the desert “glow in the dark,” for instance, and Ames vowed to win.',
      ),
    ).toEqual([['glow in the dark,', 'Ted Crane']]);
    // The one leading the clause is someone's lawyer: nobody we can name.
    expect(
      speakers(
        'Chad Luna is on trial. Luna’s lawyer admitted in court that his client fired, but added the teen only meant to “scare the jogger.”',
      ),
    ).toEqual([['scare the jogger.', null]]);
    // A capitalised first word of a clause that names nobody known is no name.
    expect(
      speakers('Preys on our fears about migrants, and calls people “losers” and “sad.”').map((q) => q[1]),
    ).toEqual([null, null]);
  });
});
