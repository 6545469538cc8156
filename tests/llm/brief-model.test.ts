// /brief, /ask and digests with the model layer, against the scripted OpenAI-compatible stub on loopback: a good
// answer is shown with its sentence numbers and who wrote it; each bad case ends as a dropped claim or the
// extractive fallback, and both the reply and the log say so.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { composeWithModel } from '../../src/digest/model-tldrs.js';
import { createModelWriter } from '../../src/llm/setup.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';
import { caller, modelBot, type ModelBot } from './model-bot.js';

let stub: OpenAiStub;
let m: ModelBot;
const text = (reply: Reply) => replyTexts(reply).join('\n');
const brief = (channel?: string) => m.bot.run('brief', { story: 'harbour' }, caller(channel));
const GOOD = { text: 'The harbour council approved a £24m flood wall on Monday.', sentences: [1] };
const EXTRACTIVE =
  'The harbour council approved a £24m flood wall on Monday. "We have waited ten years for this," said councillor Ana Ruiz.';

beforeAll(async () => {
  stub = await startOpenAiStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  // A new bot each time: the writer's cache would otherwise answer the second /brief of the same article.
  m = modelBot(stub.baseUrl);
});

async function metric(name: string): Promise<string> {
  return (await m.metrics.registry.getMetricsAsJSON())
    .filter((x) => x.name === name)
    .flatMap((x) => x.values.map((v) => `${JSON.stringify(v.labels)}=${v.value}`))
    .join(' ');
}

describe('/brief with the model layer', () => {
  it('shows the checked model tldr with its sentence numbers, who wrote it, and the sentences it rests on', async () => {
    stub.script({ claims: { claims: [GOOD, { text: 'Work starts in March 2027.', sentences: [3] }] } });
    const reply = await brief();
    const inBrief = reply.sections[0]!;
    expect(inBrief.heading).toBe('In brief');
    expect(inBrief.blocks).toEqual([
      {
        type: 'text',
        text: 'The harbour council approved a £24m flood wall on Monday. [1] Work starts in March 2027. [3]',
      },
      { type: 'text', text: 'Summary written by stub-model, checked against 2 sentences.' },
    ]);
    expect(reply.sections[1]).toEqual({
      heading: 'Checked against',
      blocks: [
        {
          type: 'bullets',
          items: [
            '[1] The harbour council approved a £24m flood wall on Monday.',
            '[3] Work starts in March 2027 and should take 18 months.',
          ],
        },
      ],
    });
    expect(reply.data).toMatchObject({ tldrBy: { by: 'model', model: 'stub-model', sentences: [1, 3], dropped: 0 } });
    // Only the article went out: its sentences numbered, nothing of the caller.
    const sent = JSON.stringify(stub.requests[0]!.body);
    expect(sent).toContain('[1] The harbour council approved');
    expect(sent).not.toMatch(/UALICE|slack:C1|C1\b/);
    expect(await metric('briefbot_llm_calls_total')).toBe('{"outcome":"ok"}=1');
    expect(await metric('briefbot_llm_tokens_total')).toBe('{"kind":"prompt"}=100 {"kind":"completion"}=20');
    expect(await metric('briefbot_llm_texts_total')).toBe('{"task":"tldr","result":"model"}=1');
    expect(await metric('briefbot_llm_claims_total')).toBe('{"result":"kept"}=2');
  });

  const dropped: Array<[string, { text: string; sentences: number[] }, string, string]> = [
    [
      'an invented quote',
      { text: 'Ruiz said "the wall will save the town".', sentences: [2] },
      'a quote the article does not contain',
      'quote',
    ],
    [
      'a wrong speaker',
      { text: 'Mayor Tom Hale said "We have waited ten years for this".', sentences: [2] },
      'a quote given to the wrong speaker',
      'speaker',
    ],
    [
      'an invented number',
      { text: 'The wall will cost £30m.', sentences: [1] },
      'a number its sentences do not contain',
      'number',
    ],
    [
      'a claim citing no sentence',
      { text: 'The council approved a flood wall.', sentences: [] },
      'it cited no sentence',
      'no-citation',
    ],
  ];
  for (const [name, bad, words, check] of dropped) {
    it(`drops ${name}, keeps the good claim, and says so in the reply and the log`, async () => {
      stub.script({ claims: { claims: [GOOD, bad] } });
      const reply = await brief();
      const shown = text(reply);
      expect(reply.sections[0]!.blocks[0]).toEqual({ type: 'text', text: `${GOOD.text} [1]` });
      expect(shown).toContain(
        `Summary written by stub-model, checked against 1 sentence; 1 model claim dropped (${words}).`,
      );
      expect(shown).not.toContain(bad.text);
      expect(m.log()).toMatch(new RegExp(`"check":"${check}".*dropped a model claim`));
      expect(await metric('briefbot_llm_claims_total')).toContain(`{"result":"${check}"}=1`);
    });
    it(`falls back to the extractive tldr when ${name} is all the model wrote`, async () => {
      stub.script({ claims: { claims: [bad] } });
      const reply = await brief();
      expect(reply.sections[0]!.blocks).toEqual([{ type: 'text', text: EXTRACTIVE }]);
      expect(reply.footer).toContain(
        `Extractive summary: the model's was not used (too few of its claims passed the checks; 1 model claim dropped (${words})).`,
      );
      expect(text(reply)).not.toContain(bad.text);
      expect(m.log()).toMatch(/model tldr fell back to the extractive text: only 0 of 1 claims passed the checks/);
      expect(await metric('briefbot_llm_fallbacks_total')).toBe('{"task":"tldr","cause":"checks"}=1');
    });
  }

  const failures: Array<[string, () => void, string, RegExp, Record<string, string>?]> = [
    [
      'malformed JSON',
      () => stub.script({ content: '{"claims": [{"text": ' }),
      'the model reply was not valid JSON',
      /the model reply is not valid JSON/,
    ],
    [
      'a 429 with Retry-After, then a 500',
      () => stub.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 500 }),
      'the model server answered with an error',
      /the model server answered 500/,
    ],
    [
      'a hang past the timeout',
      () => stub.script({ hang: true }),
      'the model did not answer in time',
      /no answer from the model within 300 ms/,
      { LLM_TIMEOUT_MS: '300' },
    ],
  ];
  for (const [name, script, words, logged, env] of failures) {
    it(`answers with the extractive tldr on ${name}, and says why`, async () => {
      if (env) m = modelBot(stub.baseUrl, env);
      script();
      const reply = await brief();
      expect(reply.kind).not.toBe('error');
      expect(reply.sections[0]!.blocks).toEqual([{ type: 'text', text: EXTRACTIVE }]);
      expect(reply.footer).toContain(`Extractive summary: the model's was not used (${words}).`);
      expect(reply.data).toMatchObject({ tldrBy: { by: 'extractive', fallback: expect.stringMatching(logged) } });
      expect(m.log()).toMatch(new RegExp(`model tldr fell back to the extractive text: ${logged.source}`));
    });
  }

  it('counts the 429 and the 500 as two calls and one fallback', async () => {
    stub.script({ status: 429, headers: { 'retry-after': '0' } }, { status: 500 });
    await brief();
    expect(await metric('briefbot_llm_calls_total')).toBe('{"outcome":"rate-limited"}=1 {"outcome":"http"}=1');
    expect(await metric('briefbot_llm_fallbacks_total')).toBe('{"task":"tldr","cause":"http"}=1');
  });

  it("keeps to the channel's hourly rate: past it the reply is extractive and says why; other channels are not affected", async () => {
    m = modelBot(stub.baseUrl, { LLM_CHANNEL_RATE: '1' });
    stub.script(
      { claims: { claims: [GOOD] } },
      { claims: { claims: [{ text: 'Engineers will inspect the bridge this week.', sentences: [3] }] } },
    );
    expect(text(await brief('C1'))).toContain('Summary written by stub-model');
    const second = await m.bot.run('brief', { story: 'bridge' }, caller('C1'));
    expect(second.footer).toContain("this channel's hourly allowance of model-written replies is used up");
    expect(stub.requests).toHaveLength(1);
    expect(text(await m.bot.run('brief', { story: 'bridge' }, caller('C2')))).toContain(
      'Summary written by stub-model',
    );
  });

  it('serves a second /brief of the same article from the cache, without a call', async () => {
    stub.script({ claims: { claims: [GOOD] } });
    await brief();
    expect(text(await brief())).toContain('Summary written by stub-model');
    expect(stub.requests).toHaveLength(1);
  });
});

describe('/ask with the model layer', () => {
  it('writes a short answer from the retrieved sentences only, numbered as in its sources', async () => {
    stub.script({ claims: { claims: [{ text: 'Work on the wall starts in March 2027.', sentences: [1] }] } });
    const reply = await m.bot.run('ask', { question: 'when will work on the wall start?' }, caller());
    const prompt = (stub.requests[0]!.body.messages as Array<{ content: string }>)[1]!.content;
    expect(prompt).toBe(
      'Question: when will work on the wall start?\n\n[1] Work starts in March 2027 and should take 18 months.',
    );
    expect(reply.sections[0]!.blocks).toEqual([
      { type: 'text', text: 'Work on the wall starts in March 2027. [1]' },
      { type: 'text', text: 'Answer written by stub-model, checked against 1 sentence.' },
    ]);
    expect(text(reply)).toContain('[1] Work starts in March 2027 and should take 18 months.');
    expect(reply.data).toMatchObject({ prose: 'Work on the wall starts in March 2027.', answeredBy: { by: 'model' } });
  });

  it('keeps the extractive answer when the model invents a number, and says why', async () => {
    stub.script({ claims: { claims: [{ text: 'Work starts in March 2028.', sentences: [1] }] } });
    const reply = await m.bot.run('ask', { question: 'when will work on the wall start?' }, caller());
    expect(text(reply)).not.toContain('2028');
    expect(reply.footer).toContain(
      "Extractive answer: the model's was not used (too few of its claims passed the checks; 1 model claim dropped (a number its sentences do not contain)).",
    );
    expect(m.log()).toMatch(/model answer fell back/);
  });

  it('a declined question stays declined and is never sent to the model', async () => {
    const reply = await m.bot.run('ask', { question: 'who won the football cup final in Madrid?' }, caller());
    expect(reply.title).toBe('Not in my sources');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('digests with the model layer', () => {
  it('shows the model tldr where it passed, the extractive one where it fell back, and counts them', async () => {
    // The stories are written in parallel: this stub answers by article, whatever the order of arrival.
    const byArticle = await startOpenAiStub((body) =>
      JSON.stringify(body.messages).includes('Bridge closed')
        ? { claims: { claims: [{ text: 'Engineers will inspect the bridge this week.', sentences: [3] }] } }
        : { content: 'not json' },
    );
    const writer = createModelWriter(
      loadConfig({ LLM_BASE_URL: byArticle.baseUrl, LLM_MODEL: 'stub-model' }),
      silentLogger,
    )!;
    const digest = await composeWithModel(
      m.library.stories(),
      new Map(),
      { title: 'News digest' },
      { writer, budgetMs: 3000 },
    );
    await byArticle.close();
    const bridge = digest.reply.sections.find((s) => s.heading === 'New: Bridge closed after storm')!;
    const harbour = digest.reply.sections.find((s) => s.heading === 'New: Harbour council approves flood wall')!;
    expect(bridge.blocks.slice(0, 2)).toEqual([
      { type: 'text', text: 'Engineers will inspect the bridge this week. [3]' },
      { type: 'text', text: 'Summary written by stub-model, checked against 1 sentence.' },
    ]);
    expect(harbour.blocks[0]).toEqual({ type: 'text', text: EXTRACTIVE });
    expect(digest.reply.footer).toContain('1 of 2 summaries model-written and checked; the rest extractive');
  });

  it('does not wait past its budget: a hanging model leaves the extractive tldrs', async () => {
    const writer = createModelWriter(
      loadConfig({ LLM_BASE_URL: stub.baseUrl, LLM_MODEL: 'stub-model', LLM_TIMEOUT_MS: '5000' }),
      silentLogger,
    )!;
    stub.script({ hang: true }, { hang: true });
    const started = Date.now();
    const digest = await composeWithModel(
      m.library.stories(),
      new Map(),
      { title: 'News digest' },
      { writer, budgetMs: 200 },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(text(digest.reply)).not.toContain('written by');
    expect(digest.reply.footer).toContain('0 of 2 summaries model-written');
  });
});
