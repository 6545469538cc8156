// `npm run eval -- --llm`: the optional model layer against whatever OpenAI-compatible endpoint is configured
// (LLM_BASE_URL, LLM_MODEL). On CNN/DM (validation unless --split says otherwise): ROUGE of the tldr a reader sees
// (the model's checked text, or the extractive one when it fell back) beside the extractive tldr, the share of model
// claims that pass the grounding checks, and the share of briefs that fell back. On SQuAD 2.0 dev: answer accuracy
// with and without the model's prose answers. With no endpoint it says so and exits 0. `--limit N` caps each set.
import { deriveBriefing } from '../src/briefing/derive.js';
import { loadConfig, readEnvironment, type Config } from '../src/config.js';
import { writeAnswer } from '../src/llm/answer-text.js';
import { createChatClient } from '../src/llm/client.js';
import { createGroundedWriter, type GroundedWriter, type Written } from '../src/llm/writer.js';
import { silentLogger } from '../src/log.js';
import { ask } from '../src/questions/qa/ask.js';
import { loadSummaryRecords, SHARED_EVAL, type SummaryRecord } from './data.js';
import { scoreRouge } from './rouge.js';
import { judge, normalizeAnswer, squadQuestions } from './squad-eval.js';
import type { EvalSplit } from './summary-eval.js';

interface Rouge {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

export interface LlmEvalRow {
  n: number;
  /** ROUGE-1/2/L F1 × 100 of the reply a user sees (model text, or the extractive tldr when it fell back). */
  model: Rouge;
  extractive: Rouge;
  claims: number;
  claimsPassed: number;
  fellBack: number;
}

export interface SquadLlmRow {
  n: number;
  /** Accuracy of the extractive answers (a decline right for an unanswerable question, a gold span shown otherwise). */
  without: number;
  /** The same, where the model's checked prose answer replaces the extractive one when it passed. */
  with: number;
  /** Answers the model wrote (passed the checks), of those it was asked for. */
  written: number;
  asked: number;
}

const mean = (xs: number[]) => (xs.length ? Math.round((10000 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 100 : 0);

/** Claims the model made and claims that passed, whatever became of the text. */
function claimCounts(written: Written): { total: number; passed: number } {
  if (written.kind === 'model')
    return { total: written.claims.length + written.dropped.length, passed: written.claims.length };
  return { total: (written.dropped?.length ?? 0) + (written.kept ?? 0), passed: written.kept ?? 0 };
}

export function evalWriter(config: Config): GroundedWriter | null {
  if (!config.llm.enabled) return null;
  const client = createChatClient({
    baseUrl: config.LLM_BASE_URL!,
    model: config.LLM_MODEL!,
    ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    concurrency: config.LLM_CONCURRENCY,
  });
  return createGroundedWriter({ client, log: silentLogger, cacheSize: 0 });
}

export async function runLlmEval(
  writer: GroundedWriter,
  splits: readonly EvalSplit[],
  limit = Infinity,
  dir = SHARED_EVAL,
): Promise<Record<string, LlmEvalRow>> {
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
      const counts = claimCounts(written);
      claims += counts.total;
      passed += counts.passed;
      if (written.kind === 'fallback') fellBack++;
      const shown = written.kind === 'model' ? written.claims.map((c) => c.text) : extractive;
      const sm = scoreRouge(r.reference, shown);
      const se = scoreRouge(r.reference, extractive);
      (m.r1.push(sm.rouge1.f), m.r2.push(sm.rouge2.f), m.rl.push(sm.rougeL.f));
      (e.r1.push(se.rouge1.f), e.r2.push(se.rouge2.f), e.rl.push(se.rougeL.f));
    }
    out[`cnndm-${split}`] = {
      n: rs.length,
      model: { rouge1: mean(m.r1), rouge2: mean(m.r2), rougeL: mean(m.rl) },
      extractive: { rouge1: mean(e.r1), rouge2: mean(e.r2), rougeL: mean(e.rl) },
      claims,
      claimsPassed: passed,
      fellBack,
    };
  }
  return out;
}

/** SQuAD 2.0 dev: a decline stays a decline, so the model can only change answered questions. */
export async function runSquadLlm(writer: GroundedWriter, limit = Infinity): Promise<SquadLlmRow> {
  const questions = squadQuestions().slice(0, limit);
  let without = 0;
  let withModel = 0;
  let asked = 0;
  let written = 0;
  for (const { index, q } of questions) {
    const result = ask(index, q.question);
    const plain = judge(q, result);
    if (plain.right) without++;
    const prose = await writeAnswer(writer, q.question, result);
    if (prose) asked++;
    if (prose?.kind !== 'model') {
      if (plain.right) withModel++;
      continue;
    }
    written++;
    // Right when the prose holds a gold answer; an unanswerable question answered is wrong either way.
    const shown = normalizeAnswer(prose.text);
    if (!q.is_impossible && plain.golds.some((g) => shown.includes(normalizeAnswer(g)))) withModel++;
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: questions.length,
    without: r3(without / questions.length),
    with: r3(withModel / questions.length),
    written,
    asked,
  };
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

export async function printLlmEval(splits: readonly EvalSplit[]): Promise<void> {
  const config = loadConfig(readEnvironment());
  const writer = evalWriter(config);
  if (!writer) {
    console.log('--llm: no model endpoint is configured (set LLM_BASE_URL and LLM_MODEL); nothing to measure.');
    return;
  }
  // Tuning happens on validation: test is scored only when asked for by name (--split test), once, at the end.
  const chosen = argValue('--split') ? splits : (['validation'] as const);
  const limit = Number(argValue('--limit') ?? Infinity);
  console.log(`Model layer: ${config.LLM_MODEL} at ${new URL(config.LLM_BASE_URL!).host}`);
  const rows = await runLlmEval(writer, chosen, limit);
  console.log('set                 n   model R1/R2/RL       extractive R1/R2/RL   claims passed   fell back');
  for (const [name, r] of Object.entries(rows)) {
    const f = (x: Rouge) => `${x.rouge1.toFixed(1)}/${x.rouge2.toFixed(1)}/${x.rougeL.toFixed(1)}`.padEnd(20);
    const share = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
    console.log(
      `${name.padEnd(18)} ${String(r.n).padStart(3)}   ${f(r.model)} ${f(r.extractive)}  ${`${r.claimsPassed}/${r.claims} (${share(r.claimsPassed, r.claims)})`.padEnd(15)} ${r.fellBack}/${r.n} (${share(r.fellBack, r.n)})`,
    );
  }
  const squad = await runSquadLlm(writer, limit);
  console.log(
    `\nSQuAD 2.0 dev, n ${squad.n}: accuracy without the model ${squad.without.toFixed(3)}, with it ${squad.with.toFixed(3)} (model answers ${squad.written} of ${squad.asked} asked)`,
  );
}
