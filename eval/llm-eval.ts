// `npm run eval -- --llm`: the optional model layer against whatever OpenAI-compatible endpoint is configured
// (LLM_BASE_URL, LLM_MODEL): ROUGE of the model's checked tldr beside the extractive one on CNN/DM, the share of
// claims that pass the grounding checks, and the share of briefs that fell back. With no endpoint it says so.
import { deriveBriefing } from '../src/briefing/derive.js';
import { loadConfig, readEnvironment, type Config } from '../src/config.js';
import { createChatClient } from '../src/llm/client.js';
import { createGroundedWriter } from '../src/llm/writer.js';
import { silentLogger } from '../src/log.js';
import { loadSummaryRecords, SHARED_EVAL, type SummaryRecord } from './data.js';
import { scoreRouge } from './rouge.js';
import type { EvalSplit } from './summary-eval.js';

export interface LlmEvalRow {
  n: number;
  /** ROUGE-1/2/L F1 × 100 of the reply a user sees (model text, or the extractive tldr when it fell back). */
  model: { rouge1: number; rouge2: number; rougeL: number };
  extractive: { rouge1: number; rouge2: number; rougeL: number };
  claims: number;
  claimsPassed: number;
  fellBack: number;
}

const mean = (xs: number[]) => (xs.length ? Math.round((10000 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 100 : 0);

export async function runLlmEval(config: Config, splits: readonly EvalSplit[], limit = Infinity, dir = SHARED_EVAL): Promise<Record<string, LlmEvalRow> | null> {
  if (!config.llm.enabled) return null;
  const client = createChatClient({
    baseUrl: config.LLM_BASE_URL!,
    model: config.LLM_MODEL!,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    concurrency: config.LLM_CONCURRENCY,
  });
  const writer = createGroundedWriter({ client, log: silentLogger });
  const out: Record<string, LlmEvalRow> = {};
  const records = loadSummaryRecords('cnndm', dir);
  for (const split of splits) {
    const rs: SummaryRecord[] = records.filter((r) => r.split === split).slice(0, limit);
    const m = { r1: [] as number[], r2: [] as number[], rl: [] as number[] };
    const e = { r1: [] as number[], r2: [] as number[], rl: [] as number[] };
    let claims = 0;
    let passed = 0;
    let fellBack = 0;
    for (const r of rs) {
      const briefing = deriveBriefing({ source: `${r.id}.txt`, text: r.article });
      const extractive = [briefing.summary.tldr];
      const written = await writer.tldr(briefing);
      if (written.kind === 'model') {
        passed += written.text ? written.text.split(/(?<=[.!?])\s+/).length : 0;
        claims += written.dropped.length;
      } else fellBack++;
      const shown = written.kind === 'model' ? [written.text] : extractive;
      const sm = scoreRouge(r.reference, shown);
      const se = scoreRouge(r.reference, extractive);
      m.r1.push(sm.rouge1.f), m.r2.push(sm.rouge2.f), m.rl.push(sm.rougeL.f);
      e.r1.push(se.rouge1.f), e.r2.push(se.rouge2.f), e.rl.push(se.rougeL.f);
    }
    out[`cnndm-${split}`] = {
      n: rs.length,
      model: { rouge1: mean(m.r1), rouge2: mean(m.r2), rougeL: mean(m.rl) },
      extractive: { rouge1: mean(e.r1), rouge2: mean(e.r2), rougeL: mean(e.rl) },
      claims: claims + passed,
      claimsPassed: passed,
      fellBack,
    };
  }
  return out;
}

export async function printLlmEval(splits: readonly EvalSplit[]): Promise<void> {
  const config = loadConfig(readEnvironment());
  const rows = await runLlmEval(config, splits);
  if (!rows) {
    console.log('--llm: no model endpoint is configured (set LLM_BASE_URL and LLM_MODEL); nothing to measure.');
    return;
  }
  console.log(`Model layer: ${config.LLM_MODEL} at ${new URL(config.LLM_BASE_URL!).host}`);
  console.log('set                 n   model R1/R2/RL       extractive R1/R2/RL   claims passed   fell back');
  for (const [name, r] of Object.entries(rows)) {
    const f = (x: { rouge1: number; rouge2: number; rougeL: number }) => `${x.rouge1.toFixed(1)}/${x.rouge2.toFixed(1)}/${x.rougeL.toFixed(1)}`.padEnd(20);
    console.log(`${name.padEnd(18)} ${String(r.n).padStart(3)}   ${f(r.model)} ${f(r.extractive)}  ${String(r.claimsPassed).padStart(4)}/${String(r.claims).padEnd(6)}   ${r.fellBack}`);
  }
}
