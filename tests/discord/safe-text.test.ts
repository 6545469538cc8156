import { describe, expect, it } from 'vitest';
import { neutraliseMentions, safeMarkdown } from '../../src/adapters/discord/safe-text.js';

describe('safe text', () => {
  it('breaks every pinging mention and leaves other text alone', () => {
    expect(neutraliseMentions('hi @everyone and @HERE, <@1> <@!2> <@&3> <#4> a@b.c')).toBe(
      'hi @\u200beveryone and @\u200bHERE, <@\u200b1> <@\u200b!2> <@\u200b&3> <#4> a@b.c',
    );
  });

  it('escapes inline markdown, masked links and line-start markers', () => {
    expect(safeMarkdown('*a* _b_ ~~c~~ `d` ||e|| [f](g) back\\slash')).toBe(
      '\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\[f\\](g) back\\\\slash',
    );
    expect(safeMarkdown('# h\n-# s\n> q\n- l\n+ l\n12. n\n  ## h2')).toBe(
      '\\# h\n\\-# s\n\\> q\n\\- l\n\\+ l\n12\\. n\n  \\## h2',
    );
  });

  it('leaves links intact so they still work', () => {
    expect(safeMarkdown('see https://example.com/a_b*c and <https://x.y/_z_>')).toBe(
      'see https://example.com/a_b*c and <https://x.y/_z_>',
    );
  });

  it('is linear: a long word without spaces escapes quickly enough to not matter', () => {
    const word = '_'.repeat(200_000);
    expect(safeMarkdown(word)).toHaveLength(400_000);
  });
});
