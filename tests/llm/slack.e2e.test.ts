// /brief with the model layer end to end on Slack: the real Bolt adapter in HTTP mode against the loopback Slack
// stubs, the app's runtime over the seeds folder, the model behind the loopback OpenAI stub. The command is
// acknowledged before the model is asked: a hanging model leaves the 3-second ack untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';
import { SECRET, startHarness, type Harness } from '../slack/harness.js';
import { badCases, echoFirstPlainSentence } from './model-bot.js';

let h: Harness;
let stub: OpenAiStub;

beforeAll(async () => {
  // Unscripted requests get a good answer for whatever article they carry.
  stub = await startOpenAiStub(echoFirstPlainSentence);
  h = await startHarness('http', {
    LLM_BASE_URL: stub.baseUrl,
    LLM_MODEL: 'stub-model',
    LLM_TIMEOUT_MS: '2000',
    BRIEFING_CACHE: 'off',
    WATCH_SEEDS: 'false',
  });
});

afterAll(async () => {
  await h?.close();
  await stub?.close();
});

const blocksOf = (body: Record<string, unknown>) => JSON.stringify(body.blocks);

describe('/brief with the model layer on Slack', () => {
  // One seed only: the fallback first, since a model text would be cached for the second /brief.
  it('acknowledges at once while the model hangs, then posts the extractive brief and says why', async () => {
    stub.script({ hang: true });
    const ack = await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/brief', responseUrl: h.responses.urlFor('hang') }),
    });
    expect(ack.status).toBe(200);
    // Acknowledged while the model request is still open: nothing has been posted yet.
    expect(h.responses.posts.items.some((p) => p.id === 'hang')).toBe(false);
    const post = await h.responses.posts.waitFor((p) => p.id === 'hang');
    expect(blocksOf(post.body)).toContain(
      "Extractive summary: the model's was not used (the model did not answer in time).",
    );
    expect(h.logs.join('')).toMatch(
      /model tldr fell back to the extractive text: no answer from the model within 2000 ms/,
    );
  });
  // Fallbacks are not cached: each case briefs the seed and meets its scripted reply. (Wrong speakers: Discord e2e.)
  const seed = {
    quote: { text: 'Trump said "we will build a golden bridge to the moon".', sentences: [1] },
    number: { text: 'The meeting lasted 99999 days.', sentences: [1] },
    none: { text: 'It happened.', sentences: [] },
  };
  for (const [i, bad] of badCases(seed, 2000).entries()) {
    it(`${bad.name}: acknowledged, then the extractive brief saying why, in the reply and the log`, async () => {
      const id = `bad-${i}`;
      const before = h.logs.length;
      stub.script(...bad.steps);
      const ack = await postSigned(h.eventsUrl, {
        secret: SECRET,
        form: slashCommandPayload({ command: '/brief', responseUrl: h.responses.urlFor(id) }),
      });
      expect(ack.status).toBe(200);
      const blocks = blocksOf((await h.responses.posts.waitFor((p) => p.id === id)).body);
      expect(blocks).toContain(`Extractive summary: the model's was not used (${bad.shown}).`);
      expect(blocks).not.toMatch(/written by stub-model|golden bridge|99999/);
      expect(h.logs.slice(before).join('')).toMatch(bad.logged);
    });
  }

  it('answers through response_url with the checked model tldr, its sentence numbers and who wrote it', async () => {
    const ack = await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/brief', responseUrl: h.responses.urlFor('good') }),
    });
    expect(ack.status).toBe(200);
    const post = await h.responses.posts.waitFor((p) => p.id === 'good');
    const blocks = blocksOf(post.body);
    expect(blocks).toMatch(/\[1\]/);
    expect(blocks).toContain('Summary written by stub-model, checked against 1 sentence.');
    expect(blocks).toContain('Checked against');
    // The prompt carried the article only: no user, channel, team or token.
    const sent = JSON.stringify(stub.requests.at(-1)!.body);
    expect(sent).not.toMatch(/xoxb-|U[A-Z0-9]{6,}|C[A-Z0-9]{6,}|T[A-Z0-9]{6,}|response_url|hooks/);
  });
});
