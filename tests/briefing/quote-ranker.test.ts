import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractEntities } from '../../src/briefing/entities.js';
import { CANDIDATE_FEATURES } from '../../src/briefing/quote-candidates.js';
import { candidateProbability, defaultRanker, pickSpeaker, type RankerModel } from '../../src/briefing/quote-ranker.js';
import { extractQuotes, speakerCandidates } from '../../src/briefing/quotes.js';
import { splitSentences } from '../../src/briefing/sentences.js';

const decide = (text: string, ranker?: RankerModel | null) => {
  const s = splitSentences(cleanDocument(text));
  return extractQuotes(text, s, { ranker }).map((q) => [q.speaker, q.rule]);
};

describe('the learned speaker ranker', () => {
  it('gives a quote the rules left open to the person the paragraph is about, when the odds are good', () => {
    const text =
      'Tom Reed spent the day in court with his lawyers.\n\n“We will fight this decision in every court in the land.” Reed left at noon.';
    expect(decide(text, null)).toEqual([[null, 'unattributed']]);
    expect(decide(text)).toEqual([['Tom Reed', 'previous sentence subject']]);
  });

  it('leaves a phrase quoted mid-sentence unattributed when its best candidate scores low', () => {
    const text = 'Tom Reed lost the vote on Monday. The plan was a “total mess” for the city.';
    const [q] = speakerCandidates(text, splitSentences(cleanDocument(text)));
    expect(q!.candidates.map((c) => c.name)).toEqual(['Tom Reed']);
    expect(candidateProbability(defaultRanker(), q!.candidates[0]!.x)).toBeLessThan(0.5);
    expect(decide(text)).toEqual([[null, 'unattributed']]);
  });

  it('proposes no group or party, and no name met only inside a quote', () => {
    expect(
      decide('The GOP blocked the bill on Monday.\n\n“We will fight this decision in every court in the land.”'),
    ).toEqual([[null, 'unattributed']]);
    const text = 'The vote was lost on Monday.\n\n“Tom Reed will fight this decision in every court in the land.”';
    expect(speakerCandidates(text, splitSentences(cleanDocument(text)))[0]!.candidates).toEqual([]);
  });

  it('keeps a quote whose own cue names nobody known, and those continuing it, unattributed', () => {
    expect(
      decide('“We will fight,” a spokesman said. “We will win the next one by a mile.” Tom Reed left at noon.'),
    ).toEqual([
      [null, 'unattributed'],
      [null, 'unattributed'],
    ]);
  });

  it('gives a quote signed on the line under it to the signer, as a fact', () => {
    expect(decide('"We will fight this decision in every court in the land."\n\n- Tom Reed.')).toEqual([
      ['Tom Reed', 'post author'],
    ]);
  });

  it('names nobody below the threshold, and the committed model matches the features', () => {
    const model = defaultRanker();
    expect(model.features).toEqual([...CANDIDATE_FEATURES]);
    const x = CANDIDATE_FEATURES.map(() => 0);
    const never: RankerModel = { ...model, threshold: 1.01 };
    expect(pickSpeaker([{ name: 'Tom Reed', rule: 'paragraph topic', x }], never)).toEqual({
      speaker: null,
      rule: 'unattributed',
    });
    expect(pickSpeaker([{ name: 'Tom Reed', rule: 'paragraph topic', x }], { ...model, threshold: 0 })).toEqual({
      speaker: 'Tom Reed',
      rule: 'paragraph topic',
    });
  });
});
