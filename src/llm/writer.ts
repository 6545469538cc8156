// The optional model layer: an abstractive tldr and a short prose answer, accepted only when their claims pass the
// grounding checks; otherwise the caller keeps its extractive text, and the log says why. Nothing but article text
// and the question is ever sent: no user ids, channel names or tokens.
import type { Logger } from '../log.js';
import type { Briefing } from '../briefing/types.js';
import { LlmError, type ChatClient, type ChatMessage } from './client.js';
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
  dropped: DroppedClaim[];
}

export interface Fallback {
  kind: 'fallback';
  reason: string;
}

export type Written = ModelText | Fallback;

export interface GroundedWriter {
  readonly model: string;
  tldr(briefing: Briefing): Promise<Written>;
  /** A short answer written only from the retrieved sentences. */
  answer(question: string, sentences: readonly string[], source: Omit<GroundingSource, 'sentences'>): Promise<Written>;
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

export interface WriterOptions {
  client: ChatClient;
  log: Logger;
  /** How many written texts to remember, keyed by (article hash, model, prompt version). */
  cacheSize?: number;
}

export function createGroundedWriter(options: WriterOptions): GroundedWriter {
  const { client, log } = options;
  const cacheSize = options.cacheSize ?? 500;
  const cache = new Map<string, Written>();
  const remember = (key: string, value: Written) => {
    cache.set(key, value);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  };

  async function write(task: string, messages: ChatMessage[], source: GroundingSource): Promise<Written> {
    let raw: unknown;
    try {
      raw = await client.completeJson(messages, CLAIMS_JSON_SCHEMA);
    } catch (err) {
      const reason = err instanceof LlmError ? err.message : 'the model call failed';
      log.warn({ task, model: client.model, reason }, `model ${task} fell back to the extractive text: ${reason}`);
      return { kind: 'fallback', reason };
    }
    const grounded = groundClaims(raw, source);
    for (const d of grounded.dropped) log.info({ task, reason: d.reason }, `dropped a model claim: ${d.reason}`);
    if (!enoughSurvived(grounded)) {
      const reason =
        grounded.kept.length + grounded.dropped.length === 0
          ? 'the model made no claim'
          : `only ${grounded.kept.length} of ${grounded.kept.length + grounded.dropped.length} claims passed the checks`;
      log.warn({ task, model: client.model, reason }, `model ${task} fell back to the extractive text: ${reason}`);
      return { kind: 'fallback', reason };
    }
    return {
      kind: 'model',
      text: grounded.kept.map((c) => c.text.trim()).join(' '),
      model: client.model,
      cited: grounded.cited.map((id) => id - 1),
      dropped: grounded.dropped,
    };
  }

  return {
    model: client.model,
    async tldr(briefing) {
      const key = `tldr:${briefing.hash}:${client.model}:${PROMPT_VERSION}`;
      const hit = cache.get(key);
      if (hit) return hit;
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
      const written = await write('tldr', messages, source);
      // A timeout or a refusal is not remembered: the next call may succeed.
      if (written.kind === 'model') remember(key, written);
      return written;
    },
    async answer(question, sentences, rest) {
      const messages: ChatMessage[] = [
        { role: 'system', content: ANSWER_PROMPT },
        { role: 'user', content: `Question: ${question}\n\n${numberedSentences(sentences)}` },
      ];
      return write('answer', messages, { ...rest, sentences });
    },
  };
}
