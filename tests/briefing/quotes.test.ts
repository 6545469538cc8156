import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractEntities } from '../../src/briefing/entities.js';
import { extractQuotes } from '../../src/briefing/quotes.js';
import { splitSentences } from '../../src/briefing/sentences.js';

const quotes = (text: string) => {
  const s = splitSentences(cleanDocument(text));
  return extractQuotes(text, s);
};
const pairs = (text: string) => quotes(text).map((q) => [q.text, q.speaker]);

describe('extractQuotes', () => {
  it('keeps the text verbatim, with offsets, across sentences and nested single quotes', () => {
    const text = 'Ana Lopes spoke.\n“We tried. We failed. They said ‘no’ twice,” Lopes said.';
    const [q] = quotes(text);
    expect(q!.text).toBe('We tried. We failed. They said ‘no’ twice,');
    expect(text.slice(q!.start, q!.end)).toBe(q!.text);
    expect(q!.kind).toBe('direct');
    expect(q!.speaker).toBe('Ana Lopes');
  });

  it('handles straight quotes and the common attribution orders', () => {
    const text = [
      'Mayor Jo Penn and Carl Iver met.',
      '"Roads first," said Carl Iver, a county engineer.',
      'Penn said: "Schools first."',
      'According to Iver, "the budget is thin."',
      '"It will pass," Penn, the mayor, told the Valley Herald.',
    ].join('\n');
    expect(pairs(text)).toEqual([
      ['Roads first,', 'Carl Iver'],
      ['Schools first.', 'Jo Penn'],
      ['the budget is thin.', 'Carl Iver'],
      ['It will pass,', 'Jo Penn'],
    ]);
    expect(quotes(text)[3]!.via).toBe('Valley Herald');
  });

  it('pairs straight quotes in text that lost the space after a full stop', () => {
    const text = 'Ana Lopes spoke in Leeds. "We won," Lopes said."I was happy," she added. "It was hard."';
    expect(quotes(text).map((q) => q.text)).toEqual(['We won,', 'I was happy,', 'It was hard.']);
  });

  it('resolves pronouns and role nouns to the person they stand for', () => {
    const text = [
      'The country’s dictator, Ivo Brant, spoke on Monday, and Sara Mell replied.',
      '“We will not bend,” Brant said. He also denounced the “hostile plan” of his rivals.',
      '“Nothing has changed,” the dictator said, per the Daily Wire.',
      '“It is a bluff,” she said.',
    ].join('\n');
    const q = quotes(text);
    expect(q.map((x) => [x.text, x.speaker, x.kind])).toEqual([
      ['We will not bend,', 'Ivo Brant', 'direct'],
      ['hostile plan', 'Ivo Brant', 'partial'],
      ['Nothing has changed,', 'Ivo Brant', 'direct'],
      ['It is a bluff,', 'Sara Mell', 'direct'],
    ]);
    expect(q[2]!.via).toBe('Daily Wire');
  });

  it('gives continuation paragraphs to the same speaker and unknown speakers null', () => {
    const text = [
      '“The plan works,” said Rita Vance.',
      '“It saved money last year.”',
      'Elsewhere, a sign read “Keep out.”',
      '“Who knows,” one official said.',
    ].join('\n');
    expect(pairs(text)).toEqual([
      ['The plan works,', 'Rita Vance'],
      ['It saved money last year.', 'Rita Vance'],
      ['Keep out.', null],
      ['Who knows,', null],
    ]);
  });

  it('never reads quotes out of embedded posts or gives "Name:" lines in them to that name', () => {
    const text = [
      // Long enough that the cleaner cannot take this prose for part of the post below it.
      `Leaders met in Rome. Paul Dorn attended. ${'Talks on ports, tariffs and fishing quotas ran late into the night. '.repeat(4)}`,
      'Dorn: Oh, no— my “friend” is back',
      '— Jan Smit (@jansmit) May 1, 2030',
      '“We met,” Dorn said.',
    ].join('\n');
    expect(pairs(text)).toEqual([['We met,', 'Paul Dorn']]);
  });

  it('returns nothing for text without quotation marks', () => {
    expect(quotes('Nobody said anything at all.')).toEqual([]);
  });

  it('gives a quoted label before a name to the reporter, not to the person it describes', () => {
    const text =
      'The Harbour Gazette reported that a former clerk and “star witness” named Lena Ostrova said the deal was “rotten.”';
    expect(pairs(text)).toEqual([
      ['star witness', 'Harbour Gazette'],
      ['rotten.', 'Lena Ostrova'],
    ]);
    // With no reporter before it, the label has no speaker rather than a wrong one.
    expect(pairs('A “rising star” named Tom Vale said he would run.')).toEqual([['rising star', null]]);
  });
});
