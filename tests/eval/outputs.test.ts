// `npm run eval` writes its figures where git ignores them, and no run output is tracked: a run leaves the
// checkout clean, and the committed figures are the README's.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsFile } from '../../eval/results-path.js';

const root = resolve(import.meta.dirname, '../..');
const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
// The suite runs in a git checkout (the README's clone, CI's clone): outside one these fail, not skip.
describe('eval outputs', () => {
  it('go to a path git ignores, for a full run and a tuning run alike', () => {
    for (const splits of [['validation', 'test'], ['validation'], ['test']]) {
      const file = resultsFile(splits);
      expect(git('check-ignore', '-q', '--no-index', file).status, `${file} is not ignored`).toBe(0);
    }
  });

  it('are not tracked, and nothing names the old tracked figures file', () => {
    const tracked = execFileSync('git', ['ls-files', 'eval'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    // Hand-made gold data (eval/gold/) is input, not output, and is tracked on purpose.
    expect(tracked.filter((f) => f.endsWith('.json') && !f.startsWith('eval/gold/'))).toEqual([]);
    expect(readFileSync(resolve(root, 'README.md'), 'utf8')).not.toContain('latest-figures.json');
    expect(readFileSync(resolve(root, 'eval/run.ts'), 'utf8')).not.toContain('latest-figures');
  });
});
