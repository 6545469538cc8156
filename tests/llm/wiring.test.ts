// The model layer is built only from LLM_BASE_URL + LLM_MODEL, and reaches the digests when it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DigestRuntime } from '../../src/digest/runtime.js';
import { createModelWriter } from '../../src/llm/setup.js';
import { silentLogger } from '../../src/log.js';
import { replyTexts } from '../../src/core/reply.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';
import { echoFirstPlainSentence, modelBot } from './model-bot.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let stub: OpenAiStub;
let dir: string;
beforeAll(async () => {
  stub = await startOpenAiStub(echoFirstPlainSentence);
  dir = mkdtempSync(join(tmpdir(), 'llm-wiring-'));
});
afterAll(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('model layer wiring', () => {
  it('is off with nothing configured', () => {
    expect(createModelWriter(loadConfig({}), silentLogger)).toBeUndefined();
    expect(createModelWriter(loadConfig({ LLM_BASE_URL: '', LLM_MODEL: '' }), silentLogger)).toBeUndefined();
  });

  it('a digest preview through the digest runtime shows the model tldrs when a writer is given', async () => {
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'bot.db'),
      LLM_BASE_URL: stub.baseUrl,
      LLM_MODEL: 'stub-model',
    });
    const { library } = modelBot(stub.baseUrl);
    const runtime = new DigestRuntime(
      config,
      library,
      silentLogger,
      Date.now,
      undefined,
      undefined,
      undefined,
      createModelWriter(config, silentLogger),
    );
    const digest = await runtime.service.preview('slack:C1');
    expect(replyTexts(digest.reply).join('\n')).toContain('Summary written by stub-model');
    expect(digest.reply.footer).toContain('2 of 2 summaries model-written and checked');
    await runtime.stop();
    const plain = new DigestRuntime(loadConfig({ DATABASE_PATH: join(dir, 'bot.db') }), library, silentLogger);
    expect((await plain.service.preview('slack:C1')).reply.footer).not.toContain('model');
    await plain.stop();
  });
});
