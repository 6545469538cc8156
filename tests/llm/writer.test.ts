// The model layer against a scripted OpenAI-compatible server on loopback: each bad reply ends as a dropped claim or
// the extractive fallback, and the log says which.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createChatClient, retryAfterMs } from '../../src/llm/client.js';
import { createGroundedWriter, provenance } from '../../src/llm/writer.js';
import { createLogger } from '../../src/log.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';

const ARTICLE = `Harbour council approves flood wall

The harbour council approved a £24m flood wall on Monday.

"We have waited ten years for this," said councillor Ana Ruiz.

Work starts in March 2027 and should take 18 months.
`;
const briefing = deriveBriefing({ source: 'harbour.txt', text: ARTICLE });
const id = (needle: string) => briefing.sentences.findIndex((s) => s.text.includes(needle)) + 1;

let stub: OpenAiStub;
let lines: string[];
const slept: number[] = [];

function writer(timeoutMs = 2000) {
  const log = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } });
  const client = createChatClient({
    baseUrl: stub.baseUrl,
    model: 'stub-model',
    apiKey: 'sk-test-secret-key',
    timeoutMs,
    sleep: async (ms) => void slept.push(ms),
  });
  return { client, writer: createGroundedWriter({ client, log }) };
}

beforeAll(async () => {
  stub = await startOpenAiStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  lines = [];
  slept.length = 0;
  stub.requests.length = 0;
});

describe('grounded tldr', () => {
  it('accepts a good answer and says who wrote it and against how many sentences', async () => {
    stub.script({
      claims: {
        claims: [
          { text: 'The harbour council approved a £24m flood wall on Monday.', sentences: [id('£24m')] },
          { text: 'Work starts in March 2027.', sentences: [id('March')] },
        ],
      },
    });
    const { writer: w, client } = writer();
    const out = await w.tldr(briefing);
    expect(out.kind).toBe('model');
    if (out.kind !== 'model') return;
    expect(out.text).toBe('The harbour council approved a £24m flood wall on Monday. Work starts in March 2027.');
    expect(provenance(out)).toBe('summary written by stub-model, checked against 2 sentences');
    expect(client.usage).toMatchObject({ calls: 1, promptTokens: 100, completionTokens: 20 });
    const sent = stub.requests[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test-secret-key');
    expect((sent.body.response_format as { type: string }).type).toBe('json_schema');
    expect(JSON.stringify(sent.body.messages)).toContain(`[${id('£24m')}] The harbour council approved`);
  });

  it('serves the same article from its cache, without a second call', async () => {
    stub.script({ claims: { claims: [{ text: 'Work starts in March 2027.', sentences: [id('March')] }] } });
    const other = deriveBriefing({ source: 'b.txt', text: ARTICLE + '\nThe wall will be 2 km long.\n' });
    const { writer: w } = writer();
    await w.tldr(other);
    const again = await w.tldr(other);
    expect(again.kind).toBe('model');
    expect(stub.requests).toHaveLength(1);
  });

  const dropped: Array<[string, unknown, RegExp]> = [
    ['an invented quote', { text: 'Ruiz said "the wall will save the town".', sentences: [2] }, /does not say/],
    [
      'a wrong speaker',
      { text: 'Mayor Tom Hale said "We have waited ten years for this".', sentences: [2] },
      /gives to Ana Ruiz/,
    ],
    ['an invented number', { text: 'The council approved a £30m flood wall.', sentences: [1] }, /number 30/],
    ['a claim citing no sentence', { text: 'The council approved a flood wall.', sentences: [] }, /cites no sentence/],
  ];
  for (const [name, bad, reason] of dropped) {
    it(`drops ${name} and keeps the good claim`, async () => {
      const fixed = {
        ...(bad as object),
        sentences: (bad as { sentences: number[] }).sentences.map((n) => (n === 2 ? id('waited') : id('£24m'))),
      };
      stub.script({
        claims: {
          claims: [{ text: 'The harbour council approved a flood wall on Monday.', sentences: [id('£24m')] }, fixed],
        },
      });
      const out = await writer().writer.tldr(deriveBriefing({ source: `${name}.txt`, text: ARTICLE }));
      expect(out.kind).toBe('model');
      if (out.kind === 'model') {
        expect(out.text).toBe('The harbour council approved a flood wall on Monday.');
        expect(out.dropped[0]!.reason).toMatch(reason);
      }
      expect(lines.join('')).toMatch(/dropped a model claim/);
    });
  }

  it('falls back when too little survives', async () => {
    stub.script({ claims: { claims: [{ text: 'Ruiz said "no".', sentences: [id('waited')] }] } });
    const out = await writer().writer.tldr(deriveBriefing({ source: 'x.txt', text: ARTICLE + '\nMore.\n' }));
    expect(out).toMatchObject({ kind: 'fallback', cause: 'checks', reason: 'only 0 of 1 claims passed the checks' });
    expect(lines.join('')).toMatch(/fell back to the extractive text/);
  });

  it('falls back on malformed JSON', async () => {
    stub.script({ content: '{"claims": [ {"text": ' });
    const out = await writer().writer.tldr(deriveBriefing({ source: 'm.txt', text: ARTICLE + '\nAgain.\n' }));
    expect(out).toEqual({ kind: 'fallback', cause: 'malformed', reason: 'the model reply is not valid JSON' });
  });

  it('waits out one 429 with Retry-After, then falls back on a 500', async () => {
    stub.script({ status: 429, headers: { 'retry-after': '2' } }, { status: 500 });
    const out = await writer().writer.tldr(deriveBriefing({ source: 'r.txt', text: ARTICLE + '\nRate.\n' }));
    expect(slept).toEqual([2000]);
    expect(out).toEqual({ kind: 'fallback', cause: 'http', reason: 'the model server answered 500' });
    expect(stub.requests).toHaveLength(2);
  });

  it('falls back at once on a 429 that asks for too long a wait', async () => {
    stub.script({ status: 429, headers: { 'retry-after': '3600' } });
    const out = await writer().writer.tldr(deriveBriefing({ source: 'r2.txt', text: ARTICLE + '\nLong.\n' }));
    expect(out).toMatchObject({
      kind: 'fallback',
      reason: expect.stringMatching(/answered 429 \(retry after 3600 s\)/),
    });
    expect(slept).toEqual([]);
  });

  it('falls back when the server hangs past the timeout', async () => {
    stub.script({ hang: true });
    const out = await writer(150).writer.tldr(deriveBriefing({ source: 'h.txt', text: ARTICLE + '\nHang.\n' }));
    expect(out).toEqual({ kind: 'fallback', cause: 'timeout', reason: 'no answer from the model within 150 ms' });
  });

  it('asks a server without structured outputs for JSON mode instead', async () => {
    stub.script(
      { status: 400, body: '{"error":{"message":"response_format json_schema is not supported"}}' },
      { claims: { claims: [{ text: 'Work starts in March 2027.', sentences: [id('March')] }] } },
    );
    const out = await writer().writer.tldr(deriveBriefing({ source: 'j.txt', text: ARTICLE + '\nJSON.\n' }));
    expect(out.kind).toBe('model');
    expect((stub.requests[1]!.body.response_format as { type: string }).type).toBe('json_object');
  });

  it('sends only the article text: no user, channel or token', async () => {
    stub.script({ claims: { claims: [] } });
    await writer().writer.tldr(deriveBriefing({ source: 'p.txt', text: ARTICLE + '\nPrivacy.\n' }));
    const body = JSON.stringify(stub.requests[0]!.body);
    expect(Object.keys(stub.requests[0]!.body).sort()).toEqual([
      'max_tokens',
      'messages',
      'model',
      'response_format',
      'temperature',
    ]);
    expect(body).not.toMatch(/sk-test|discord:|slack:|userId|channelId/i);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:05 GMT', Date.parse('Wed, 02 Dec 2026 10:00:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});
