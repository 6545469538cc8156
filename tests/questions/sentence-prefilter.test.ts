// The substring filter that spares reading most sentences must never skip one that could answer: whenever `cover`
// accepts a sentence, the filter must have let it through. Questions are made from the sentences' own words, written
// as a reader might (other inflections, capitals, synonyms, aliases of the story's entities).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { coverFilter, foldedText, needles } from '../../src/questions/sentence-prefilter.js';
import { questionTerms, cover, synonymsOf } from '../../src/questions/relevance.js';
import { buildIndex } from '../../src/questions/search-index.js';
import { tokenize } from '../../src/questions/terms.js';
import { seedStory, storyOf } from './helpers.js';

const extra = storyOf(
  [
    'Cities across the U.S. reported 1,300 injuries after the storms, officials said.',
    'The children went home early; men and women queued for buses while the mayor told reporters the roads were closed.',
    'Presidential hopefuls are campaigning in Iowa, where the president is expected on Friday.',
    'North Korea (NK) tested a missile; Pyongyang called it a success.',
  ].join('\n'),
  'extra.txt',
);
const library = new Library([seedStory(), extra]);
const index = buildIndex(library);
const stories = library.briefings().map((b) => index.story(b.source)!);

/** Ways a reader might write a word the sentence has: as is, capitalised, another inflection, or a synonym. */
const VARIANTS = (raw: string): string[] => {
  const lower = raw.toLowerCase();
  return [
    raw,
    lower,
    lower[0]!.toUpperCase() + lower.slice(1),
    `${lower}s`,
    `${lower}ed`,
    `${lower}ing`,
    lower.replace(/ies$/, 'y'),
    lower.replace(/s$/, ''),
  ];
};

describe('the sentence filter for questions', () => {
  it('finds a stem in the words written with it, irregular ones included', () => {
    for (const [word, written] of [
      ['cities', 'Cities'],
      ['went', 'went'],
      ['injuries', 'injured'],
      ['presidential', 'president'],
      ['U.S.', 'U.S.'],
      ['1,300', '1,300'],
    ] as const) {
      const term = tokenize(word)[0]!.term;
      expect(
        needles(term).some((n) => foldedText(written).includes(n)),
        `${word} in "${written}"`,
      ).toBe(true);
    }
  });

  it('lets through every sentence that cover() accepts', () => {
    const cases = stories.flatMap((story) => story.briefing.sentences.map((_, i) => ({ story, i })));
    const arbitrary = fc.record({
      at: fc.nat({ max: cases.length - 1 }),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      variants: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
      synonym: fc.boolean(),
      alias: fc.nat(),
      foreign: fc.constantFrom('', 'weather', 'Lima', 'ferry strike'),
    });
    /** The question a record stands for; `alias` may swap in the name of an entity the sentence mentions by another. */
    const questionOf = ({
      at,
      picks,
      variants,
      synonym,
      alias,
      foreign,
    }: typeof arbitrary extends fc.Arbitrary<infer T> ? T : never) => {
      const { story, i } = cases[at]!;
      const words = tokenize(story.briefing.sentences[i]!.text).filter((t) => !t.stop);
      const chosen = picks.map((p, k) => {
        const word = words[p % Math.max(1, words.length)]?.raw ?? 'news';
        const forms = VARIANTS(word);
        const form = forms[variants[k]! % forms.length]!;
        return (synonym ? synonymsOf(tokenize(form)[0]?.term ?? '')[0] : undefined) ?? form;
      });
      const terms = new Set(words.map((t) => t.term));
      const named = story.groups.filter((g) => g.names.some((seq) => seq.length && seq.every((t) => terms.has(t))));
      const group = named[alias % Math.max(1, named.length)];
      const other = group?.names[alias % group.names.length]?.find((t) => !terms.has(t));
      const name = other ? other[0]!.toUpperCase() + other.slice(1) : undefined;
      if (name && alias % 3 === 0) chosen.splice(0, chosen.length, name);
      else if (name && alias % 3 === 1) chosen.push(name);
      return { story, i, question: [...chosen, foreign].join(' ').trim() };
    };
    let accepted = 0;
    let aliased = 0;
    fc.assert(
      fc.property(arbitrary, (record) => {
        const { story, i, question } = questionOf(record);
        const q = questionTerms(question);
        if (q.names.length + q.words.length === 0) return;
        const info = index.sentence(story, i)!;
        const ok = cover(q, story, info).ok;
        if (!ok) return;
        accepted++;
        if ([...q.names, ...q.words].some((t) => !info.terms.has(t) && info.expanded.has(t))) aliased++;
        expect(coverFilter(q, story.groups)(foldedText(story.briefing.sentences[i]!.text)), question).toBe(true);
      }),
      { numRuns: 2000, seed: 20261126 },
    );
    expect(aliased).toBeGreaterThan(20);
    // The property is only worth something if many questions were accepted.
    expect(accepted).toBeGreaterThan(300);
  });

  it('reads only the sentences that could answer, and answers as reading them all would', () => {
    const q = questionTerms('when did the storms cause injuries');
    const story = index.story('extra.txt')!;
    const could = coverFilter(q, story.groups);
    const passed = story.briefing.sentences.filter((s) => could(foldedText(s.text)));
    expect(passed.map((s) => s.text)).toEqual([
      'Cities across the U.S. reported 1,300 injuries after the storms, officials said.',
    ]);
  });
});
