// The substring filters that spare reading sentences for ranking (rank.ts) and for "who is X?" (who.ts) must never
// turn away a sentence that would have counted: an index that reads only what the filters let through ranks and
// answers exactly as one that has read every sentence. Questions are made from the sentences' own words, as in
// sentence-prefilter.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { ROLE_WORDS } from '../../src/questions/evidence.js';
import { ask } from '../../src/questions/qa/ask.js';
import { rankSentences, slotsOf } from '../../src/questions/qa/rank.js';
import { sameTerm, synonymsOf } from '../../src/questions/relevance.js';
import { buildIndex, type QuestionIndex } from '../../src/questions/search-index.js';
import { anyOfFilter, foldedText, namingFilter, wordingsFilter } from '../../src/questions/sentence-prefilter.js';
import { tokenize } from '../../src/questions/terms.js';
import { seedStory, storyOf } from './helpers.js';

const extra = storyOf(
  [
    'Cities across the U.S. reported 1,300 injuries after the storms, officials said.',
    'The children went home early; men and women queued for buses while the mayor told reporters the roads were closed.',
    'Mayor Tomas Ferrand said the city would pay for repairs. Ferrand, a former engineer, toured the damage.',
    'Presidential hopefuls are campaigning in Iowa, where the president is expected on Friday.',
    'North Korea (NK) tested a missile; Pyongyang called it a success, state media said.',
  ].join('\n'),
  'extra.txt',
);
const library = new Library([seedStory(), extra]);
/** An index that has read every sentence of every story before any question. */
const everything = buildIndex(library);
const stories = library.briefings().map((b) => everything.story(b.source)!);
for (const story of stories) everything.sentences(story);
const cases = stories.flatMap((story) => story.briefing.sentences.map((_, i) => ({ story, i })));

const VARIANTS = (raw: string): string[] => {
  const lower = raw.toLowerCase();
  return [raw, lower, lower[0]!.toUpperCase() + lower.slice(1), `${lower}s`, `${lower}ed`, `${lower}ing`];
};

/** A question from a sentence's words: some of them in other forms, perhaps a synonym, a shape word, a foreign word. */
const question = fc
  .record({
    at: fc.nat({ max: cases.length - 1 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    variant: fc.nat(),
    synonym: fc.boolean(),
    shape: fc.constantFrom('', 'who is', 'what did', 'when did', 'how many', 'why did'),
    tail: fc.constantFrom('', 'say', 'happen', 'weather', 'Lima'),
  })
  .map(({ at, picks, variant, synonym, shape, tail }) => {
    const { story, i } = cases[at]!;
    const words = tokenize(story.briefing.sentences[i]!.text).filter((t) => !t.stop);
    const chosen = picks.map((p, k) => {
      const word = words[p % Math.max(1, words.length)]?.raw ?? 'news';
      const forms = VARIANTS(word);
      const form = forms[(variant + k) % forms.length]!;
      return (synonym ? synonymsOf(tokenize(form)[0]?.term ?? '')[0] : undefined) ?? form;
    });
    return `${shape} ${chosen.join(' ')} ${tail}?`.trim();
  });

/** What rank.ts counts as a sentence holding a wording. */
function holds(index: QuestionIndex, story: (typeof stories)[number], i: number, wording: string[]): boolean {
  const info = index.sentence(story, i)!;
  return wording.every((w) => info.expanded.has(w) || (w.length >= 5 && [...info.terms].some((t) => sameTerm(t, w))));
}

const plain = (r: ReturnType<typeof rankSentences>) => ({
  slots: r.slots,
  anywhere: r.anywhere,
  ranked: r.ranked.map((x) => ({ ...x, story: x.story.briefing.source, info: x.info.tokens })),
});

describe('the sentence filters for ranking and "who is"', () => {
  it('let through every sentence holding a wording of a slot', () => {
    let held = 0;
    fc.assert(
      fc.property(question, fc.nat({ max: cases.length - 1 }), (text, at) => {
        const { story, i } = cases[at]!;
        const folded = foldedText(story.briefing.sentences[i]!.text);
        for (const slot of slotsOf(text)) {
          for (const wording of slot.wordings) {
            if (!holds(everything, story, i, wording)) continue;
            held++;
            expect(wordingsFilter([wording], story.groups)(folded), `${text} / ${wording.join(' ')}`).toBe(true);
          }
        }
      }),
      { numRuns: 1500, seed: 20261203 },
    );
    expect(held).toBeGreaterThan(300);
  });

  it('let through every sentence with a term of an entity, and every one with a role word', () => {
    const roles = anyOfFilter(ROLE_WORDS);
    let named = 0;
    let skipped = 0;
    for (const { story, i } of cases) {
      const folded = foldedText(story.briefing.sentences[i]!.text);
      const tokens = everything.sentence(story, i)!.tokens;
      for (const group of story.groups) {
        const has = tokens.some((t) => group.terms.has(t.term));
        if (has) named++;
        if (has) expect(namingFilter(group)(folded)).toBe(true);
        else if (!namingFilter(group)(folded)) skipped++;
      }
      const role = tokens.some(
        (t) => ROLE_WORDS.has(t.raw.toLowerCase().replace(/s$/, '')) || ROLE_WORDS.has(t.raw.toLowerCase()),
      );
      if (role) expect(roles(folded), story.briefing.sentences[i]!.text).toBe(true);
    }
    expect(named).toBeGreaterThan(20);
    // The filter is only worth having if it turns sentences away.
    expect(skipped).toBeGreaterThan(100);
  });

  it('rank and answer as reading every sentence does', () => {
    let answered = 0;
    fc.assert(
      fc.property(question, (text) => {
        // A new index has read nothing: it reads only what the filters let through.
        const fresh = buildIndex(library);
        expect(plain(rankSentences(fresh, text))).toEqual(plain(rankSentences(everything, text)));
        const got = ask(buildIndex(library), text);
        const want = ask(everything, text);
        if (want.answer) answered++;
        expect({ answer: got.answer, short: got.short, quotes: got.quotes }).toEqual({
          answer: want.answer,
          short: want.short,
          quotes: want.quotes,
        });
        expect(got.sources.map((s) => [s.story.briefing.source, s.sentence])).toEqual(
          want.sources.map((s) => [s.story.briefing.source, s.sentence]),
        );
      }),
      { numRuns: 300, seed: 20261203 },
    );
    expect(answered).toBeGreaterThan(30);
  });
});
