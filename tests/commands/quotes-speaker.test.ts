// /quotes speaker:<name> with no story named looks for the newest story that quotes that person.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createBot } from '../../src/core/bot.js';
import { consoleCaller } from '../../src/core/caller.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { lazyIndex, lazyStories } from '../../src/app.js';

const older = {
  briefing: deriveBriefing({
    text: 'Shop window smashed in break-in\n\nA shop window was smashed on the high street on Sunday, police said.\n\n‘We heard a bang and ran downstairs,’ said shopkeeper Raj Patel.\n',
    source: 'shop.txt',
  }),
  addedAt: 1_000,
};
const newer = {
  briefing: deriveBriefing({
    text: 'Library opens late\n\nThe central library will open until midnight, staff said on Tuesday.\n\n"Students asked for this," said head librarian Tom Okafor.\n',
    source: 'library.txt',
  }),
  addedAt: 2_000,
};

function bot() {
  const library = new Library([older, newer]);
  const services = {
    library,
    questions: lazyIndex(library),
    stories: lazyStories(library),
    commands,
    botName: 'briefbot',
    now: () => new Date(0),
  };
  return createBot(services, silentLogger);
}
const text = (r: { title?: string; sections: unknown[] }) => `${r.title}\n${JSON.stringify(r.sections)}`;

describe('/quotes speaker: with no story', () => {
  it('finds the newest story that quotes the speaker, not only the newest story', async () => {
    const reply = await bot().run('quotes', { speaker: 'Raj Patel' }, consoleCaller);
    expect(text(reply)).toContain('We heard a bang and ran downstairs');
    expect(reply.title).toContain('Shop window smashed');
  });

  it('says no loaded story quotes them, when none does', async () => {
    const reply = await bot().run('quotes', { speaker: 'Nobody Here' }, consoleCaller);
    expect(text(reply)).toContain('No quotes from \\"Nobody Here\\" in any loaded story');
  });

  it('keeps to the story named', async () => {
    const reply = await bot().run('quotes', { speaker: 'Raj Patel', story: 'library' }, consoleCaller);
    expect(text(reply)).toContain('in this story');
  });
});
