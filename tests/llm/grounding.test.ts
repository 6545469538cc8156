import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkClaim, groundClaims, properNames, quotedSpans, type GroundingSource } from '../../src/llm/grounding.js';

const source: GroundingSource = {
  sentences: [
    'The harbour council approved a £24m flood wall on Monday.',
    '“We have waited ten years for this,” said councillor Ana Ruiz.',
    'Work starts in March 2027 and should take 18 months.',
  ],
  fullText: [
    'The harbour council approved a £24m flood wall on Monday.',
    '“We have waited ten years for this,” said councillor Ana Ruiz.',
    'Work starts in March 2027 and should take 18 months.',
  ].join('\n'),
  quotes: [{ text: 'We have waited ten years for this,', speaker: 'Ana Ruiz' }],
};

describe('claim checks', () => {
  it('keeps a claim whose numbers, names and quote are all in what it cites', () => {
    expect(
      checkClaim(
        {
          text: 'The council approved a £24m flood wall, and Ruiz said "We have waited ten years for this".',
          sentences: [1, 2],
        },
        source,
      ),
    ).toBeNull();
  });
  it('drops a claim citing no sentence, or one that does not exist', () => {
    expect(checkClaim({ text: 'The council approved a wall.', sentences: [] }, source)).toMatch(/cites no sentence/);
    expect(checkClaim({ text: 'The council approved a wall.', sentences: [9] }, source)).toMatch(
      /sentence 9, which does not exist/,
    );
  });
  it('drops an invented quote', () => {
    expect(checkClaim({ text: 'Ruiz said “this wall will save the town”.', sentences: [2] }, source)).toMatch(
      /does not say/,
    );
  });
  it('drops a quote given to the wrong speaker', () => {
    expect(
      checkClaim({ text: 'Mayor Tom Hale said “We have waited ten years for this”.', sentences: [2] }, source),
    ).toMatch(/gives to Ana Ruiz/);
  });
  it('drops an invented number, and a number not in the cited sentences', () => {
    expect(checkClaim({ text: 'The council approved a £30m flood wall.', sentences: [1] }, source)).toMatch(
      /number 30/,
    );
    expect(checkClaim({ text: 'Work takes 18 months.', sentences: [1] }, source)).toMatch(/number 18/);
  });
  it('drops a name that is not in the cited sentences', () => {
    expect(checkClaim({ text: 'The council, led by Tom Hale, approved the wall.', sentences: [1] }, source)).toMatch(
      /"Tom" is not/,
    );
  });
  it('lets a sentence open with an ordinary capitalised word', () => {
    expect(properNames('The council met. It approved the wall on Monday.')).toEqual(['Monday']);
    expect(quotedSpans('He called it ‘a great day for the town’ and the ’90s a loss.')).toEqual([
      'a great day for the town',
    ]);
  });
  it('drops everything when the reply does not follow the format', () => {
    const g = groundClaims({ answer: 'yes' }, source);
    expect(g.kept).toEqual([]);
    expect(g.dropped[0]!.reason).toMatch(/does not follow the claims format/);
  });
  it('never keeps a claim that quotes words the article does not contain, whatever the model writes', () => {
    const word = fc.constantFrom('wall', 'council', 'we', 'waited', 'years', 'flood', 'town', 'save', 'never', 'Ruiz');
    const claim = fc.record({
      text: fc
        .tuple(
          fc.array(word, { maxLength: 4 }),
          fc.array(word, { minLength: 1, maxLength: 6 }),
          fc.constantFrom('"', '“'),
        )
        .map(([before, quoted, mark]) => `${before.join(' ')} ${mark}${quoted.join(' ')}${mark === '"' ? '"' : '”'}`),
      sentences: fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 5 }), (claims) => {
        const g = groundClaims({ claims }, source);
        for (const kept of g.kept)
          for (const span of quotedSpans(kept.text)) expect(source.fullText.replace(/[“”]/g, '"')).toContain(span);
      }),
    );
  });
});
