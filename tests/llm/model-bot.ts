// A bot with the model layer pointed at the loopback OpenAI stub, over a small library, with its log and metrics.
import { commands } from '../../commands/index.js';
import type { Services } from '../../commands/services.js';
import { lazyIndex } from '../../src/app.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { loadConfig } from '../../src/config.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Caller } from '../../src/core/caller.js';
import { Library } from '../../src/library/library.js';
import { createModelWriter } from '../../src/llm/setup.js';
import { createLogger } from '../../src/log.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';

export const HARBOUR = `Harbour council approves flood wall

The harbour council approved a £24m flood wall on Monday.

"We have waited ten years for this," said councillor Ana Ruiz.

Work starts in March 2027 and should take 18 months.

The wall will run along the north quay, the council said.
`;

export const BRIDGE = `Bridge closed after storm

The old bridge was closed on Tuesday after a storm damaged its railings, police said.

"It is not safe to cross," said inspector Lee Park.

Engineers will inspect the bridge this week.
`;

export interface ModelBot {
  bot: Bot<Services>;
  lines: string[];
  metrics: Metrics;
  library: Library;
  /** Every line logged so far, joined. */
  log(): string;
}

export function modelBot(
  baseUrl: string,
  env: Record<string, string> = {},
  texts: Record<string, string> = { 'harbour.txt': HARBOUR, 'bridge.txt': BRIDGE },
): ModelBot {
  const config = loadConfig({ LLM_BASE_URL: baseUrl, LLM_MODEL: 'stub-model', LLM_TIMEOUT_MS: '3000', ...env });
  const lines: string[] = [];
  const log = createLogger({
    level: 'info',
    secrets: config.secrets,
    destination: { write: (l: string) => lines.push(l) },
  });
  const library = new Library(
    Object.entries(texts).map(([source, text], i) => ({
      briefing: deriveBriefing({ source, text }),
      addedAt: 1_000 + i,
    })),
  );
  const metrics = createMetrics({ processMetrics: false });
  const model = createModelWriter(config, log, metrics.llm)!;
  const bot = createBot<Services>(
    {
      library,
      questions: lazyIndex(library),
      commands,
      botName: 'briefbot',
      now: () => new Date('2026-12-03T09:00:00Z'),
      model,
    },
    log,
  );
  return { bot, lines, metrics, library, log: () => lines.join('') };
}

export const caller = (channel = 'C1'): Caller => ({
  platform: 'slack',
  userId: 'UALICE',
  channelId: `slack:${channel}`,
  isAdmin: false,
});

/** The numbered sentences a request sent, as the prompt numbered them. */
export function promptSentences(body: Record<string, unknown>): Map<number, string> {
  const user = (body.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'user')!.content;
  return new Map([...user.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => [Number(m[1]), m[2]!]));
}

/** A good answer for any article: its first sentence without quotation marks, verbatim, citing itself. */
export function echoFirstPlainSentence(body: Record<string, unknown>): { claims: unknown } {
  const plain = [...promptSentences(body)].find(([, s]) => !/["“”]/.test(s));
  return { claims: { claims: plain ? [{ text: plain[1], sentences: [plain[0]] }] : [] } };
}

/** A bad reply from the model, the words the reader is shown for it, and what the log says. */
export interface BadCase {
  name: string;
  steps: Array<import('../fixtures/openai-stub.js').StubStep>;
  shown: string;
  logged: RegExp;
}

/** Every bad case of the issue, each alone, so each ends in the extractive fallback; `claimsFor` fits the article. */
export function badCases(
  claims: { quote: unknown; speaker?: unknown; number: unknown; none: unknown },
  timeoutMs: number,
): BadCase[] {
  const checks = (words: string) => `too few of its claims passed the checks; 1 model claim dropped (${words})`;
  const cases: BadCase[] = [
    {
      name: 'an invented quote',
      steps: [{ claims: { claims: [claims.quote] } }],
      shown: checks('a quote the article does not contain'),
      logged: /dropped a model claim: it quotes/,
    },
    {
      name: 'an invented number',
      steps: [{ claims: { claims: [claims.number] } }],
      shown: checks('a number its sentences do not contain'),
      logged: /dropped a model claim: the number/,
    },
    {
      name: 'a claim citing no sentence',
      steps: [{ claims: { claims: [claims.none] } }],
      shown: checks('it cited no sentence'),
      logged: /dropped a model claim: it cites no sentence/,
    },
    {
      name: 'malformed JSON',
      steps: [{ content: '{"claims": [' }],
      shown: 'the model reply was not valid JSON',
      logged: /fell back to the extractive text: the model reply is not valid JSON/,
    },
    {
      name: 'a 429 with Retry-After, then a 500',
      steps: [{ status: 429, headers: { 'retry-after': '1' } }, { status: 500 }],
      shown: 'the model server answered with an error',
      logged: /fell back to the extractive text: the model server answered 500/,
    },
    {
      name: 'a hang past the timeout',
      steps: [{ hang: true }],
      shown: 'the model did not answer in time',
      logged: new RegExp(`fell back to the extractive text: no answer from the model within ${timeoutMs} ms`),
    },
  ];
  if (claims.speaker) {
    cases.splice(1, 0, {
      name: 'a wrong speaker',
      steps: [{ claims: { claims: [claims.speaker] } }],
      shown: checks('a quote given to the wrong speaker'),
      logged: /dropped a model claim: it gives a quote the article gives to/,
    });
  }
  return cases;
}
