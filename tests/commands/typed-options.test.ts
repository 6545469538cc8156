// Options typed in chat or the console as a person types them: several words without quotes, a bare choice, a
// mistyped option name, and story words that match several stories.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createBot } from '../../src/core/bot.js';
import { consoleCaller } from '../../src/core/caller.js';
import type { Reply } from '../../src/core/reply.js';
import { renderText } from '../../src/adapters/console/render-text.js';
import { lazyIndex } from '../../src/app.js';
import { Library, type Article } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';

const article = (source: string, text: string, day: number): Article => ({
  briefing: deriveBriefing({ text, source }),
  addedAt: Date.UTC(2026, 10, day),
});

const library = new Library([
  article(
    'summit.txt',
    'Kim Jong-un meets envoys in Pyongyang\nNorth Korean leader Kim Jong-un met foreign envoys on Monday. “We want peace on the peninsula,” Kim Jong-un said. Ri Il Kyu, a former diplomat, said the talks were a first step.\n',
    5,
  ),
  article(
    'harbour-old.txt',
    'Harbour reopens after storm\nThe city harbour reopened on Tuesday after a week of repairs, officials said.\n',
    2,
  ),
  article(
    'harbour-fees.txt',
    'Harbour fees rise for fishing boats\nThe harbour board raised mooring fees by ten percent on Wednesday, its chair said.\n',
    3,
  ),
  article(
    'harbour-new.txt',
    'Harbour museum opens its doors\nA museum of the harbour opened on Thursday in the old customs house, the council said.\n',
    4,
  ),
]);
const bot = createBot(
  {
    library,
    questions: lazyIndex(library),
    commands,
    botName: 'briefbot',
    now: () => new Date('2026-11-05T00:00:00Z'),
  },
  silentLogger,
);
const say = (name: string, args: string) => bot.runText(name, args, consoleCaller);
const text = (reply: Reply) => renderText(reply);

describe('several words without quotes', () => {
  it('/quotes speaker:Kim Jong-un reads the whole name', async () => {
    const reply = await say('quotes', 'speaker:Kim Jong-un');
    expect(reply.kind).not.toBe('error');
    expect(text(reply)).not.toContain('No story matches');
    expect(reply.title).toContain('Quotes from Kim Jong-un');
  });

  it('/ask question:who is Ri? takes the whole question', async () => {
    const reply = await say('ask', 'question:who is Ri Il Kyu?');
    expect(text(reply)).not.toContain('twice');
    expect(reply.kind).not.toBe('error');
    expect(text(reply)).toContain('diplomat');
  });

  it('a run of words stops at the next option', async () => {
    const reply = await say('quotes', 'speaker:Kim Jong-un story:envoys pyongyang');
    expect(reply.kind).not.toBe('error');
    expect(reply.title).toContain('Quotes from Kim Jong-un');
    expect(reply.footer).toContain('summit.txt');
  });

  it('/summary story:harbour reopens names the story by several words', async () => {
    const reply = await say('summary', 'story:harbour reopens');
    expect(reply.footer).toContain('harbour-old.txt');
  });

  it('an option that takes one word says to use quotes when words are left over', async () => {
    const reply = await say('digest', 'subscribe timezone:Europe/London extra');
    expect(reply.kind).toBe('error');
    expect(text(reply)).toContain('put them in quotes: timezone:"Europe/London extra"');
  });
});

describe('suggestions', () => {
  it('/summary long suggests length:long', async () => {
    const reply = await say('summary', 'long');
    expect(reply.kind).toBe('error');
    expect(text(reply)).toContain('No story matches "long"');
    expect(text(reply)).toContain('Did you mean length:long?');
  });

  it('a mistyped option name gets the nearest real one', async () => {
    const reply = await say('summary', 'lenght:long');
    expect(reply.kind).toBe('error');
    expect(text(reply)).toContain('Did you mean length:long?');
  });

  it('a name far from every option gets no guess', async () => {
    const reply = await say('summary', 'colour:red');
    expect(text(reply)).not.toContain('Did you mean');
  });
});

describe('story words that match several stories', () => {
  it('says how many match, shows the newest and lists the others', async () => {
    const reply = await say('summary', 'story:harbour');
    expect(reply.kind).not.toBe('error');
    expect(reply.footer).toContain('harbour-new.txt');
    const shown = text(reply);
    expect(shown).toContain('3 stories match; showing the newest');
    expect(shown).toContain('Harbour fees rise for fishing boats');
    expect(shown).toContain('Harbour reopens after storm');
    expect(shown).not.toContain('Kim Jong-un meets');
  });

  it('says nothing when one story matches', async () => {
    const reply = await say('summary', 'story:museum');
    expect(text(reply)).not.toContain('stories match');
  });

  it('/ask story:harbour says so too', async () => {
    const reply = await say('ask', 'question:when did the museum open? story:harbour');
    expect(text(reply)).toContain('3 stories match; showing the newest');
  });
});
