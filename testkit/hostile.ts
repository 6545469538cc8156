// Hostile text for property tests: what a user could type or an article could carry that might break a renderer,
// ping a crowd or disguise a link. Built from fragments so shrinking leaves a readable counterexample.
import fc from 'fast-check';
import type { Briefing } from '../src/briefing/types.js';
import { deriveBriefing } from '../src/briefing/derive.js';

export const MASS_MENTIONS = [
  '@everyone',
  '@here',
  '@EVERYONE',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
];
export const SLACK_CONTROLS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0123ABCD>',
  '<#C0123ABCD>',
  '<#C0123ABCD|general>',
  '<https://evil.example|your bank>',
  '<!subteam^S0123>',
  '<!date^1392734382^{date}|x>',
];
const MARKDOWN = [
  '**bold**',
  '__under__',
  '*it*',
  '_it_',
  '~~gone~~',
  '~strike~',
  '`code`',
  '```js\nalert(1)\n```',
  '||spoiler||',
  '# Heading',
  '-# small',
  '> quoted',
  '>>> all quoted',
  '1. listed',
  '- bullet',
  '[click](https://evil.example)',
  '<https://evil.example>',
  '\\',
  '&amp;',
  '&lt;!channel&gt;',
  '<script>alert(1)</script>',
];
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u061c',
  '\u00ad',
];
const UNICODE = [
  'Ünïcödé',
  'مرحبا بالعالم',
  'עברית',
  '中文新闻',
  '日本語',
  '한국어',
  'Ελληνικά',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  'é',
  'ﷺ',
  'İstanbul',
  'ß',
  '𝕳𝖊𝖑𝖑𝖔',
  'Z̷̢͓a̸l̵g̶o̴',
];
const WORDS = ['council', 'budget', 'Minister', 'river', 'said', 'Monday', '2024', 'the', 'news'];

export const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MASS_MENTIONS, ...SLACK_CONTROLS) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 2, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const separator = fc.constantFrom(' ', ' ', '', '\n', '\n\n', '\t', ':', '"');

/** A short hostile phrase: fragments joined by spaces, nothing, newlines or quotes. */
export const hostilePhrase = fc
  .array(fc.tuple(fragment, separator), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

/** A phrase repeated to exactly `n` characters, with or without spaces to split at. */
export const longHostile = (n: number) =>
  fc
    .tuple(
      hostilePhrase.filter((p) => p.length > 0),
      fc.boolean(),
    )
    .map(([p, spaced]) => {
      const unit = spaced ? `${p} ` : p.replace(/\s/g, '');
      return (unit || 'x').repeat(Math.ceil(n / (unit.length || 1))).slice(0, n);
    });

export const hostileText = fc.oneof(
  { weight: 6, arbitrary: hostilePhrase },
  { weight: 1, arbitrary: longHostile(10_000) },
);

/** An article whose title, quotes, speakers and sentences carry hostile text, so derived stories do too. */
export function hostileArticle(bits: string[]): string {
  const [a = '', b = '', c = '', d = '', e = ''] = bits.map((s) => s.replace(/\n/g, ' '));
  return [
    `${a} council budget ${b}`,
    '',
    `The council approved the ${c} budget on Monday, 3 June 2024, officials said.`,
    '',
    `"We will ${d} deliver this," said Minister ${e.slice(0, 40)} Example on Tuesday.`,
    '',
    `Critics called it ${a} a mistake. "It ${b} fails ${MASS_MENTIONS[0]} everyone," said Jane ${c.slice(0, 30)} Doe.`,
    '',
    `In 2019 the same council ${d} rejected a similar plan ${SLACK_CONTROLS[0]} after protests.`,
  ].join('\n');
}

/** Stories derived from hostile articles, deterministic for a given seed. */
export function hostileStories(count: number, seed: number): Briefing[] {
  const docs = fc.sample(fc.array(hostilePhrase, { minLength: 5, maxLength: 5 }), { numRuns: count, seed });
  return docs.map((bits, i) => deriveBriefing({ text: hostileArticle(bits), source: `seeds/hostile-${i}.txt` }));
}
