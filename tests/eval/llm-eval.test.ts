// `npm run eval -- --llm`: with no endpoint it says so and exits 0; against the loopback stub it scores a few
// CNN/DM validation articles and SQuAD questions (CI uses the stub only; real figures need a real model).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalWriter, runLlmEval, runSquadLlm } from '../../eval/llm-eval.js';
import { loadConfig } from '../../src/config.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';
import { run, ROOT } from '../e2e/helpers.js';
import { echoFirstPlainSentence } from '../llm/model-bot.js';

let stub: OpenAiStub;
beforeAll(async () => {
  stub = await startOpenAiStub(echoFirstPlainSentence);
});
afterAll(() => stub.close());

describe('npm run eval -- --llm', () => {
  it('says no endpoint is configured and exits 0', async () => {
    const out = await run(process.execPath, ['bin/run-ts.mjs', 'eval/run.ts', '--llm'], {
      cwd: ROOT,
      env: { LLM_BASE_URL: '', LLM_MODEL: '' },
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      '--llm: no model endpoint is configured (set LLM_BASE_URL and LLM_MODEL); nothing to measure.',
    );
  }, 60_000);

  it('scores the model tldr beside the extractive one, the claims passed and the fallbacks, and SQuAD with and without', async () => {
    const writer = evalWriter(loadConfig({ LLM_BASE_URL: stub.baseUrl, LLM_MODEL: 'stub-model' }))!;
    const rows = await runLlmEval(writer, ['validation'], 3);
    const row = rows['cnndm-validation']!;
    expect(row.n).toBe(3);
    // The echo stub copies one sentence verbatim: every claim passes, nothing falls back.
    expect(row).toMatchObject({ claims: 3, claimsPassed: 3, fellBack: 0 });
    expect(row.model.rouge1).toBeGreaterThan(0);
    expect(row.extractive.rouge1).toBeGreaterThan(0);
    const squad = await runSquadLlm(writer, 20);
    expect(squad.n).toBe(20);
    expect(squad.written).toBe(squad.asked);
    expect(squad.without).toBeGreaterThanOrEqual(0);
    expect(squad.with).toBeLessThanOrEqual(1);
  }, 120_000);
});
