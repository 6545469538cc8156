// The promise of the model layer, as a property: whatever the model server returns (claims quoting words the
// article has or lacks, any speaker, any ids, broken JSON, errors), no /brief or /ask reply contains a quoted span
// that is not in the article.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyTexts } from '../../src/core/reply.js';
import { normalize, quotedSpans } from '../../src/llm/grounding.js';
import { startOpenAiStub, type OpenAiStub, type StubStep } from '../fixtures/openai-stub.js';
import { caller, HARBOUR, modelBot } from './model-bot.js';

let stub: OpenAiStub;
beforeAll(async () => {
  stub = await startOpenAiStub();
});
afterAll(() => stub.close());

const ARTICLE = normalize(HARBOUR);
const word = fc.constantFrom(
  'We',
  'have',
  'waited',
  'ten',
  'years',
  'for',
  'this',
  'wall',
  'will',
  'save',
  'the',
  'town',
  'Ruiz',
  'Hale',
  'said',
  '£24m',
  '£30m',
  'March',
  '2027',
  '2028',
);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const quoted = fc
  .tuple(phrase, fc.constantFrom(['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’']))
  .map(([p, [open, close]]) => `${open}${p}${close}`);
const claimText = fc
  .array(fc.oneof(phrase, quoted), { minLength: 1, maxLength: 4 })
  .map((parts) => `${parts.join(' ')}.`);
// A claim that passes every other check: a real sentence, cited, with a quoted span of ordinary words after it.
const SENTENCES = [
  'The harbour council approved a £24m flood wall on Monday.',
  'Work starts in March 2027 and should take 18 months.',
];
const lower = fc
  .array(fc.constantFrom('have', 'waited', 'for', 'this', 'wall', 'will', 'save', 'the', 'town', 'years'), {
    minLength: 2,
    maxLength: 5,
  })
  .map((w) => w.join(' '));
const plausible = fc
  .tuple(fc.constantFrom(0, 1), lower, fc.constantFrom(['"', '"'], ['“', '”'], ['‘', '’']))
  .map(([i, p, [open, close]]) => ({
    text: `${SENTENCES[i]!.replace(/\.$/, '')}, calling it ${open}${p}${close}.`,
    sentences: [i === 0 ? 1 : 3],
  }));
const claim = fc.oneof(
  fc.record({ text: claimText, sentences: fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 3 }) }),
  plausible,
);
const step: fc.Arbitrary<StubStep> = fc.oneof(
  { weight: 6, arbitrary: fc.array(claim, { maxLength: 4 }).map((claims) => ({ claims: { claims } })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((content) => ({ content })) },
  { weight: 1, arbitrary: claimText.map((t) => ({ content: JSON.stringify({ answer: t }) })) },
  { weight: 1, arbitrary: fc.constantFrom(400, 429, 500, 503).map((status) => ({ status })) },
);

describe('no invented quotes, whatever the model says', () => {
  it('holds for /brief and /ask', async () => {
    await fc.assert(
      fc.asyncProperty(step, fc.boolean(), async (scripted, asking) => {
        // A new bot each run, so no cached text from an earlier run answers instead of the scripted one.
        const m = modelBot(stub.baseUrl, {}, { 'harbour.txt': HARBOUR });
        stub.script(scripted);
        const reply = asking
          ? await m.bot.run('ask', { question: 'when will work on the wall start?' }, caller())
          : await m.bot.run('brief', {}, caller());
        // An /ask that never reached the model leaves its step for no one.
        stub.requests.length = 0;
        for (const text of replyTexts(reply)) for (const span of quotedSpans(text)) expect(ARTICLE).toContain(span);
      }),
      { numRuns: 80 },
    );
  });
});
