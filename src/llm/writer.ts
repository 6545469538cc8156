// The optional model layer: an abstractive tldr and a short prose answer, accepted only when their claims pass the
// grounding checks; otherwise the caller keeps its extractive text, and the log says why. Nothing but article text
// and the question is ever sent: no user ids, channel names or tokens.
import { createHash } from 'node:crypto';
import { BoundedMap } from '../core/bounded-map.js';
import type { Logger } from '../log.js';
import type { Briefing } from '../briefing/types.js';
import type { LlmMetrics } from '../ops/metrics.js';
import type { ChannelRate } from '../core/channel-rate.js';
import { LlmError, type ChatClient, type ChatMessage, type LlmErrorKind } from './client.js';
import {
  CLAIMS_JSON_SCHEMA,
  enoughSurvived,
  groundClaims,
  numberedSentences,
  type DroppedClaim,
  type GroundingSource,
} from './grounding.js';

/** Bump when a prompt changes, so cached texts from the old prompt are not served. */
export const PROMPT_VERSION = 1;
// Long articles: the lead carries the news, and the prompt stays small.
const MAX_SENTENCES = 60;

export interface ModelText {
  kind: 'model';
  text: string;
  model: string;
  /** Distinct sentences the kept claims rest on, 0-based indexes into the sentences given. */
  cited: number[];
  /** The kept claims, each with the sentences it rests on (0-based, as `cited`). */
  claims: Array<{ text: string; sentences: number[] }>;
  dropped: DroppedClaim[];
}

/** Why the extractive text was used: a failed call (its kind), the checks, no claim, or the channel's hourly rate. */
export type FallbackCause = LlmErrorKind | 'failed' | 'checks' | 'no-claims' | 'channel-rate';

export interface Fallback {
  kind: 'fallback';
  reason: string;
  cause: FallbackCause;
  /** The claims the checks dropped, when the model answered. */
  dropped?: DroppedClaim[];
  /** The claims that passed, when too few did. */
  kept?: number;
}

/** Who is asking, for the per-channel rate only: it is never sent to the model. */
export interface WriteFor {
  channel?: string;
}

export type Written = ModelText | Fallback;

export interface GroundedWriter {
  readonly model: string;
  tldr(briefing: Briefing, asker?: WriteFor): Promise<Written>;
  /** A short answer written only from the retrieved sentences. */
  answer(
    question: string,
    sentences: readonly string[],
    source: Omit<GroundingSource, 'sentences'>,
    asker?: WriteFor,
  ): Promise<Written>;
  /**
   * What several reports of one story say, from their sentences numbered across all of them (each marked with its
   * report's label in the prompt). The model names no outlet: which outlet said what follows from the citations.
   */
  synthesis(
    reports: ReadonlyArray<{ label: string; sentences: readonly string[] }>,
    source: Omit<GroundingSource, 'sentences'>,
    asker?: WriteFor,
  ): Promise<Written>;
}

/** "summary written by llama3, checked against 6 sentences". */
export function provenance(written: ModelText, what = 'summary'): string {
  const n = written.cited.length;
  return `${what} written by ${written.model}, checked against ${n} sentence${n === 1 ? '' : 's'}`;
}

const TLDR_PROMPT = [
  'You summarise one news article for a chat channel.',
  'Use only the numbered sentences. Write at most two claims, one sentence each, that carry the news.',
  'Every claim lists the ids of the sentences it rests on. Quote words only if they appear verbatim, and name the speaker the article gives.',
  'Do not add numbers, dates or names that the cited sentences do not contain.',
  'Reply in JSON: {"claims": [{"text": "...", "sentences": [1, 2]}]}.',
].join(' ');

const ANSWER_PROMPT = [
  'You answer a question from the numbered sentences only.',
  'Write one or two short claims that answer it, each citing the ids of the sentences it rests on.',
  'If the sentences do not answer the question, reply {"claims": []}.',
  'Reply in JSON: {"claims": [{"text": "...", "sentences": [1]}]}.',
].join(' ');

const SYNTHESIS_PROMPT = [
  'Several news reports of one story follow, their sentences numbered across all of them; each is marked with its report in brackets.',
  'Write two to four claims, one sentence each, on what the reports say, where they agree and what only one of them adds.',
  'Every claim lists the ids of the sentences it rests on, from every report that says it. Do not name the reports or outlets: the citations show them.',
  'Quote words only if they appear verbatim, with the speaker the report gives. Add no number, date or name the cited sentences lack.',
  'Reply in JSON: {"claims": [{"text": "...", "sentences": [1, 7]}]}.',
].join(' ');
// Per report, the lead: it carries what that outlet reported.
const SYNTHESIS_SENTENCES = 12;

export interface WriterOptions {
  client: ChatClient;
  log: Logger;
  /** How many written texts to remember, keyed by (article hash, model, prompt version). */
  cacheSize?: number;
  /** Model-written replies per channel per hour; past it, the extractive text is used. */
  rate?: ChannelRate;
  metrics?: LlmMetrics;
}

/** What the model is shown for a tldr (the lead, numbered), and what its claims are checked against. */
function tldrRequest(briefing: Briefing): { messages: ChatMessage[]; source: GroundingSource } {
  const sentences = briefing.sentences.slice(0, MAX_SENTENCES).map((s) => s.text);
  const source: GroundingSource = {
    sentences,
    fullText: [...briefing.sentences.map((s) => s.text), ...briefing.socialPosts.map((p) => p.text)].join('\n'),
    quotes: briefing.quotes,
  };
  const messages: ChatMessage[] = [
    { role: 'system', content: TLDR_PROMPT },
    { role: 'user', content: `Title: ${briefing.title}\n\n${numberedSentences(sentences)}` },
  ];
  return { messages, source };
}

/** Each report's lead, numbered across all reports, and the lines the model is shown ("[3] (report 1) …"). */
function numberReports(reports: ReadonlyArray<{ sentences: readonly string[] }>): {
  numbered: string[];
  lines: string[];
} {
  const numbered: string[] = [];
  const lines: string[] = [];
  for (const [r, report] of reports.entries()) {
    for (const sentence of report.sentences.slice(0, SYNTHESIS_SENTENCES)) {
      numbered.push(sentence);
      lines.push(`[${numbered.length}] (report ${r + 1}) ${sentence}`);
    }
  }
  return { numbered, lines };
}

/** The text made of the claims that passed, with the (0-based) sentences each cites. */
function modelText(grounded: ReturnType<typeof groundClaims>, model: string): Written {
  return {
    kind: 'model',
    text: grounded.kept.map((c) => c.text.trim()).join(' '),
    model,
    cited: grounded.cited.map((id) => id - 1),
    claims: grounded.kept.map((c) => ({
      text: c.text.trim(),
      sentences: [...new Set(c.sentences)].sort((a, b) => a - b).map((id) => id - 1),
    })),
    dropped: grounded.dropped,
  };
}

export function createGroundedWriter(options: WriterOptions): GroundedWriter {
  const { client, log, metrics } = options;
  const cacheSize = options.cacheSize ?? 500;
  const cache = new BoundedMap<string, Written>(cacheSize);
  const remember = (key: string, value: Written) => cache.set(key, value);

  const fellBack = (
    task: string,
    cause: FallbackCause,
    reason: string,
    dropped?: DroppedClaim[],
    kept = 0,
  ): Fallback => {
    log.warn({ task, model: client.model, cause, reason }, `model ${task} fell back to the extractive text: ${reason}`);
    metrics?.texts.inc({ task, result: 'fallback' });
    metrics?.fallbacks.inc({ task, cause });
    return { kind: 'fallback', reason, cause, ...(dropped?.length ? { dropped, kept } : {}) };
  };

  /** The channel's hourly rate, spent only when the model is really asked (a cached text costs nothing). */
  const overRate = (task: string, asker?: WriteFor): Fallback | null => {
    if (!options.rate || asker?.channel === undefined || options.rate.take(asker.channel)) return null;
    return fellBack(
      task,
      'channel-rate',
      `this channel had its ${options.rate.perHour} model-written replies this hour`,
    );
  };

  async function write(task: string, messages: ChatMessage[], source: GroundingSource): Promise<Written> {
    let raw: unknown;
    try {
      raw = await client.completeJson(messages, CLAIMS_JSON_SCHEMA);
    } catch (err) {
      const reason = err instanceof LlmError ? err.message : 'the model call failed';
      return fellBack(task, err instanceof LlmError ? err.kind : 'failed', reason);
    }
    const grounded = groundClaims(raw, source);
    for (const d of grounded.dropped)
      log.info({ task, check: d.check, reason: d.reason }, `dropped a model claim: ${d.reason}`);
    metrics?.claims.inc({ result: 'kept' }, grounded.kept.length);
    for (const d of grounded.dropped) metrics?.claims.inc({ result: d.check });
    if (!enoughSurvived(grounded)) {
      const total = grounded.kept.length + grounded.dropped.length;
      if (total === 0) return fellBack(task, 'no-claims', 'the model made no claim');
      return fellBack(
        task,
        'checks',
        `only ${grounded.kept.length} of ${total} claims passed the checks`,
        grounded.dropped,
        grounded.kept.length,
      );
    }
    metrics?.texts.inc({ task, result: 'model' });
    return modelText(grounded, client.model);
  }

  return {
    model: client.model,
    async tldr(briefing, asker) {
      const key = `tldr:${briefing.hash}:${client.model}:${PROMPT_VERSION}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const limited = overRate('tldr', asker);
      if (limited) return limited;
      const { messages, source } = tldrRequest(briefing);
      const written = await write('tldr', messages, source);
      // A timeout or a refusal is not remembered: the next call may succeed.
      if (written.kind === 'model') remember(key, written);
      return written;
    },
    async answer(question, sentences, rest, asker) {
      const limited = overRate('answer', asker);
      if (limited) return limited;
      const messages: ChatMessage[] = [
        { role: 'system', content: ANSWER_PROMPT },
        { role: 'user', content: `Question: ${question}\n\n${numberedSentences(sentences)}` },
      ];
      return write('answer', messages, { ...rest, sentences });
    },
    async synthesis(reports, rest, asker) {
      const { numbered, lines } = numberReports(reports);
      const key = `synthesis:${createHash('sha256').update(lines.join('\n')).digest('hex')}:${client.model}:${PROMPT_VERSION}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const limited = overRate('synthesis', asker);
      if (limited) return limited;
      // Reports are numbered, not named: the outlet is ours to attach from the citations, never the model's to claim.
      const messages: ChatMessage[] = [
        { role: 'system', content: SYNTHESIS_PROMPT },
        { role: 'user', content: lines.join('\n') },
      ];
      const written = await write('synthesis', messages, { ...rest, sentences: numbered });
      if (written.kind === 'model') remember(key, written);
      return written;
    },
  };
}
