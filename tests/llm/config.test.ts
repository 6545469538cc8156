import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('model layer configuration', () => {
  it('is off with nothing configured', () => {
    expect(loadConfig({}).llm.enabled).toBe(false);
  });
  it('needs a model name with a server, and names the key when it is missing', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(
      'Configuration error: LLM_MODEL is needed with LLM_BASE_URL',
    );
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.2:3b' }).llm.enabled).toBe(true);
  });
  it('treats the API key as a secret the logger scrubs', () => {
    const config = loadConfig({
      LLM_BASE_URL: 'https://api.example.com/v1',
      LLM_MODEL: 'm',
      LLM_API_KEY: 'sk-abcdef123456',
    });
    expect(config.secrets).toContain('sk-abcdef123456');
  });
  it('refuses a base URL that is not http(s)', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'file:///etc/passwd', LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL/);
  });
});
