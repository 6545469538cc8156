import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSummaryEval } from '../../eval/summary-eval.js';

// Two tiny made-up sets, one record per split, in the shared files' layout.
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-eval-'));
  const record = (id: string, split: string, article: string, reference: string) =>
    JSON.stringify({
      id,
      outlet: 'test',
      frank_split: split,
      article,
      reference_summary: reference,
      reference_sentences: [reference],
    });
  const lines = [
    record(
      'v1',
      'validation',
      'The bridge reopened on Monday after repairs. Drivers welcomed it. Traffic was light.',
      'The bridge reopened on Monday.',
    ),
    record(
      't1',
      'test',
      'The museum closed on Friday for a refit. Staff were told last week. It reopens in May.',
      'The museum closed for a refit.',
    ),
  ].join('\n');
  writeFileSync(join(dir, 'cnndm-sample.jsonl'), `${lines}\n`);
  writeFileSync(join(dir, 'xsum-sample.jsonl'), `${lines}\n`);
  return `${dir}/`;
}

describe('runSummaryEval', () => {
  it('scores only the splits asked for, so tuning never sees test', () => {
    const r = runSummaryEval(['validation'], true, fixtureDir());
    expect(Object.keys(r.cnndm).sort()).toEqual(['validation', 'validation-a', 'validation-b']);
    expect(Object.keys(r.xsum)).toEqual(['validation']);
    expect(r.cnndm.validation!.briefbot.n).toBe(1);
    expect(r.cnndm.validation!.lead3.rouge1).toBeGreaterThan(0);
  });

  it('adds the whole sample only when both splits run', () => {
    const r = runSummaryEval(['validation', 'test'], false, fixtureDir());
    expect(Object.keys(r.cnndm).sort()).toEqual(['all', 'test', 'validation']);
    expect(r.cnndm.all!.lead3.n).toBe(2);
  });
});
