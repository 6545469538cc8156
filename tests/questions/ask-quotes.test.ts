// /ask shows a quote as /quotes does: lifted out of its sentence, without the comma (or semicolon, colon) that
// joined it to "…, she said" left inside the quote marks. One rule (liftQuote) for every command.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { lazyIndex } from '../../src/app.js';
import { liftQuote } from '../../src/briefing/quote-lift.js';
import { createBot } from '../../src/core/bot.js';
import type { Block } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { caller, storyOf } from './helpers.js';

const ARTICLE = `Harbour wall reopens after storm repairs

The harbour wall at Wexley reopened on Monday after three months of repairs.

"We rebuilt every metre of it by hand," said harbour master Jo Hart. "The sea will not take it again; we made sure of that," Hart added.

Fishermen said the repairs had been slow.
`;

const quoteBlock = (blocks: Block[]) =>
  blocks.find((b): b is Extract<Block, { type: 'quotes' }> => b.type === 'quotes');

describe('/ask quotes', () => {
  it('drops the joining punctuation only at the end of a quote', () => {
    expect(liftQuote('We rebuilt every metre of it by hand,')).toBe('We rebuilt every metre of it by hand');
    expect(liftQuote('one; two:  ')).toBe('one; two');
    expect(liftQuote('Is it safe?')).toBe('Is it safe?');
  });

  it('gives the quotes without a trailing comma, the same texts /quotes shows', async () => {
    const library = new Library([storyOf(ARTICLE, 'harbour.txt')]);
    const bot = createBot(
      {
        library,
        questions: lazyIndex(library),
        commands,
        botName: 'briefbot',
        now: () => new Date('2026-06-01T00:00:00Z'),
      },
      silentLogger,
    );
    const asked = await bot.run('ask', { question: 'what did Jo Hart say?' }, caller);
    const askQuotes = quoteBlock(asked.sections.flatMap((s) => s.blocks))?.items.map((q) => q.text) ?? [];
    expect(askQuotes.length).toBeGreaterThan(0);
    for (const text of askQuotes) expect(text).not.toMatch(/[,;:]\s*$/);
    expect(askQuotes).toContain('We rebuilt every metre of it by hand');
    expect(String((asked.data as { answer: string }).answer)).not.toMatch(/,”/);
    const listed = await bot.run('quotes', {}, caller);
    const quoteTexts = quoteBlock(listed.sections.flatMap((s) => s.blocks))?.items.map((q) => q.text) ?? [];
    for (const text of askQuotes) expect(quoteTexts).toContain(text);
  });
});
