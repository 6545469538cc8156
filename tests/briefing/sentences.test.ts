import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { splitSentences } from '../../src/briefing/sentences.js';

function split(text: string, runIns = true): string[] {
  const sentences = splitSentences(cleanDocument(text), { runIns });
  for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  return sentences.map((s) => s.text);
}

describe('splitSentences', () => {
  it('keeps abbreviations, titles and initials inside the sentence', () => {
    expect(split('Dr. Ann B. Cole met U.S. officials on Sept. 12 in Washington. She left.')).toEqual([
      'Dr. Ann B. Cole met U.S. officials on Sept. 12 in Washington.',
      'She left.',
    ]);
    expect(split('Tom Reed Jr. Smith spoke. The talks ended.')).toEqual([
      'Tom Reed Jr. Smith spoke.',
      'The talks ended.',
    ]);
  });

  it('reads a title-like word after a number as a unit', () => {
    expect(split('She slimmed down to 12.5st. Lizzie is now a coach.')).toEqual([
      'She slimmed down to 12.5st.',
      'Lizzie is now a coach.',
    ]);
    expect(split('They met at St. Mary church.')).toHaveLength(1);
  });

  it('ends a sentence at an abbreviation when a sentence opener follows', () => {
    expect(split('Talks stalled in the U.S. The envoy flew home.')).toEqual([
      'Talks stalled in the U.S.',
      'The envoy flew home.',
    ]);
  });

  it('splits after closing quotes and keeps quoted commas inside', () => {
    expect(split('“We tried,” Kim said. “It failed.” He left. She asked “why?” and waited.')).toEqual([
      '“We tried,” Kim said.',
      '“It failed.”',
      'He left.',
      'She asked “why?” and waited.',
    ]);
  });

  it('does not split at decimals, em dashes or inside links', () => {
    expect(
      split('The kite was 3.7 miles long — a record — and rose. See pic.twitter.com/abc for more. Then it fell.'),
    ).toEqual(['The kite was 3.7 miles long — a record — and rose.', 'See', 'for more.', 'Then it fell.']);
  });

  it('cuts links glued onto punctuation', () => {
    expect(split('What about the letters?!https://t.co/Ab1 Nobody replied.')).toEqual([
      'What about the letters?!',
      'Nobody replied.',
    ]);
  });

  it('treats line breaks as paragraph ends', () => {
    const sentences = splitSentences(
      cleanDocument('The body starts here. It goes on\nA caption without a stop\nLast line.'),
    );
    expect(sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'The body starts here.'],
      [0, 'It goes on'],
      [1, 'A caption without a stop'],
      [2, 'Last line.'],
    ]);
    expect(sentences.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('splits paragraphs glued without a space', () => {
    expect(split('It serves the community.Dr Venter said so.')).toEqual([
      'It serves the community.',
      'Dr Venter said so.',
    ]);
    expect(split('Visit example.com today.')).toEqual(['Visit example.com today.']);
    // After a year, and after an initialism when a sentence opener follows.
    expect(split('She was shortlisted in 1991.Simpson said so. It rained in the UK.He left.')).toEqual([
      'She was shortlisted in 1991.',
      'Simpson said so.',
      'It rained in the UK.',
      'He left.',
    ]);
    expect(split('Version 2.0 of ASP.Net shipped.')).toEqual(['Version 2.0 of ASP.Net shipped.']);
  });

  it('splits a photo caption from a clause that opens with a name and its verb', () => {
    const text =
      'Tom Reed (right) was pictured with team-mate Ben Adu earlier this season Harbor boss Ola Berg (left) has not punished Reed for the incident Adu was present at training on Friday.';
    expect(split(text)).toEqual([
      'Tom Reed (right) was pictured with team-mate Ben Adu earlier this season',
      'Harbor boss Ola Berg (left) has not punished Reed for the incident',
      'Adu was present at training on Friday.',
    ]);
    // Without a photo position nearby, prose is left alone.
    expect(split('The club said on Monday that the incident Adu was part of is closed.')).toHaveLength(1);
  });

  it('splits image captions run into the prose', () => {
    const text =
      'The kite flew last Saturday Skilful: The kite weighs 200 kilograms. He left on Friday ‘I would do it all again if I had the chance,’ he said.';
    expect(split(text)).toEqual([
      'The kite flew last Saturday',
      'Skilful: The kite weighs 200 kilograms.',
      'He left on Friday',
      '‘I would do it all again if I had the chance,’ he said.',
    ]);
    expect(split(text, false)).toHaveLength(2);
  });

  it('leaves short capitalised scare quotes and reported quotes alone', () => {
    expect(split('Fans call it the ‘Big Apple’ now. She said ‘It is over for us all now,’ and left.')).toEqual([
      'Fans call it the ‘Big Apple’ now.',
      'She said ‘It is over for us all now,’ and left.',
    ]);
  });

  it('cuts a caption that runs into a sentence opener, but not a title or a name', () => {
    expect(split('Crowds gathered outside the old town hall on his last day The mayor thanked the staff.')).toEqual([
      'Crowds gathered outside the old town hall on his last day',
      'The mayor thanked the staff.',
    ]);
    expect(split('Officers from the Lakeside County Police Department arrived within minutes.')).toHaveLength(1);
    expect(split('She reviewed the premiere of Rise of an Empire: The Story of Rome for the paper.')).toHaveLength(1);
    expect(
      split('The club spokesman talked with reporters and told Racemail: ‘We are delighted with the result.’'),
    ).toHaveLength(1);
    expect(split('Viewers praised the new documentary “Going Clear: The Long Road” on Sunday.')).toHaveLength(1);
    expect(split('The tusks are labelled in the images A and B for the visitors.')).toHaveLength(1);
    expect(split('The striker scored in the middle of a match A crowd of thousands cheered him on.')).toEqual([
      'The striker scored in the middle of a match',
      'A crowd of thousands cheered him on.',
    ]);
  });
});
