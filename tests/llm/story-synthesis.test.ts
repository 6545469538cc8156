// /brief on a story of several articles with the model layer: a comparison of the reports, whose outlets come
// from the sentences each claim cites (the model is told not to name them), checked like any other claim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Services } from '../../commands/services.js';
import { lazyIndex, lazyStories } from '../../src/app.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { replyTexts } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { createModelWriter } from '../../src/llm/setup.js';
import { createLogger } from '../../src/log.js';
import { startOpenAiStub, type OpenAiStub, type StubStep } from '../fixtures/openai-stub.js';
import { caller, echoFirstPlainSentence, promptSentences } from './model-bot.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');
const article = (file: string, outlet: string, at: number) => ({
  briefing: deriveBriefing({ text: readFileSync(join(FIXTURES, file), 'utf8'), source: file, outlet }),
  addedAt: at,
});

let stub: OpenAiStub;
let synthesis: (ids: (needle: string) => number) => StubStep;

beforeAll(async () => {
  stub = await startOpenAiStub((body) => {
    if (!JSON.stringify(body.messages).includes('Several news reports')) return echoFirstPlainSentence(body);
    const sentences = promptSentences(body);
    const id = (needle: string) => [...sentences].find(([, s]) => s.includes(needle))![0];
    return synthesis(id);
  });
});
afterAll(() => stub.close());

function run() {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } });
  const library = new Library([
    article('peru-quake-ap.txt', 'AP', Date.parse('2026-11-02')),
    article('peru-quake-reuters.txt', 'Reuters', Date.parse('2026-11-03')),
    article('peru-quake-bbc.txt', 'BBC', Date.parse('2026-11-04')),
  ]);
  const model = createModelWriter(loadConfig({ LLM_BASE_URL: stub.baseUrl, LLM_MODEL: 'stub-model' }), log)!;
  const services: Services = {
    library,
    questions: lazyIndex(library),
    stories: lazyStories(library),
    commands,
    botName: 'briefbot',
    now: () => new Date('2026-11-05T00:00:00Z'),
    model,
  };
  return { bot: createBot(services, log), lines };
}

describe('/brief on a story across outlets, with the model layer', () => {
  it('says which outlet reported what, from the citations, and drops a claim its sentences do not support', async () => {
    synthesis = (id) => ({
      claims: {
        claims: [
          {
            text: 'A magnitude 7.1 earthquake struck near Ica.',
            sentences: [id('A magnitude 7.1 earthquake struck'), id('Rescuers in Pisco')],
          },
          {
            text: 'The Peruvian Geophysical Institute recorded more than 100 aftershocks.',
            sentences: [id('more than 100 aftershocks')],
          },
          { text: 'The death toll rose to 60.', sentences: [id('death toll had risen')] },
        ],
      },
    });
    const { bot, lines } = run();
    const reply = await bot.run('brief', { story: 'peru' }, caller());
    const across = reply.sections.find((s) => s.heading === 'Across outlets')!;
    expect(across.blocks[0]).toEqual({
      type: 'bullets',
      items: [
        'AP, Reuters: A magnitude 7.1 earthquake struck near Ica. [AP 1; Reuters 1]',
        'Reuters: The Peruvian Geophysical Institute recorded more than 100 aftershocks. [Reuters 4]',
      ],
    });
    expect(across.blocks[1]).toEqual({
      type: 'text',
      text: 'Comparison written by stub-model, checked against 3 sentences; 1 model claim dropped (a number its sentences do not contain).',
    });
    expect(replyTexts(reply).join('\n')).not.toContain('toll rose to 60');
    // What the model's tldr rests on is not offered again as news.
    const cited = reply.sections
      .find((s) => s.heading === 'Checked against')!
      .blocks.flatMap((b) => (b.type === 'bullets' ? b.items : []));
    const news =
      reply.sections
        .find((s) => s.heading === 'New since the first report')
        ?.blocks.flatMap((b) => (b.type === 'bullets' ? b.items : [])) ?? [];
    for (const line of cited) for (const item of news) expect(item).not.toContain(line.replace(/^\[\d+\] /, ''));
    expect(lines.join('')).toMatch(/"task":"synthesis".*dropped a model claim: the number 60/);
  });

  it('shows no comparison when the model fails, and says why in the footer', async () => {
    synthesis = () => ({ content: '{"claims": [' });
    const reply = await run().bot.run('brief', { story: 'peru' }, caller());
    expect(reply.sections.some((s) => s.heading === 'Across outlets')).toBe(false);
    expect(reply.footer).toContain(
      "No comparison of the reports: the model's was not used (the model reply was not valid JSON).",
    );
  });
});
