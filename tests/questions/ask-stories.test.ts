// Several stories at once: the right story is chosen, story: narrows the search, and the index follows the
// library as stories arrive and leave. Short made-up articles.
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { buildIndex } from '../../src/questions/search-index.js';
import { askData, botWith, storyOf } from './helpers.js';

const BRIDGE = `The Harlow Bridge will reopen to traffic on March 14, 2025, city engineers said on Tuesday.
The bridge was closed last autumn because inspectors found cracks in two of its steel supports.
Repairs cost 4.2 million dollars, according to the city.
“We are confident the bridge is safe,” said Mara Lindqvist, the city's chief engineer.
Mara Lindqvist, the city's chief engineer, led the inspection team.`;

const ORCHARD = `Farmers in the Tessel Valley harvested 12,000 tonnes of apples this season, a record.
The harvest grew because a mild spring spared the blossoms from frost.
“It was the best year any of us can remember,” said Tomas Greve, who chairs the growers' cooperative.
Tomas Greve, a third-generation apple farmer, said prices had held steady.
The cooperative expects exports to begin in January.`;

const FERRY = `A new ferry service between Portkell and Amsey will start on June 2, 2025, the operator announced.
The crossing takes forty minutes and will run six times a day.
“Islanders have waited years for this,” said Ines Duarte, head of the Amsey island council.`;

function library(): Library {
  return new Library([storyOf(BRIDGE, 'bridge.txt', 1), storyOf(ORCHARD, 'orchard.txt', 2)]);
}

describe('/ask across stories', () => {
  it('answers each question from the story that covers it', async () => {
    const lib = library();
    const bot = botWith(lib);
    const bridgeId = lib.bySourcePath('bridge.txt')!.briefing.id;
    const orchardId = lib.bySourcePath('orchard.txt')!.briefing.id;

    const when = await askData(bot, 'When will the Harlow Bridge reopen?');
    expect(when.data.answer).toMatch(/^March 14, 2025 — /);
    expect(when.data.sources[0]!.story).toBe(bridgeId);

    const why = await askData(bot, 'Why was the bridge closed?');
    expect(why.data.sources[0]!.sentence).toContain('inspectors found cracks');

    const howMany = await askData(bot, 'How many tonnes of apples were harvested?');
    expect(howMany.data.answer).toMatch(/^12,000 tonnes — /);
    expect(howMany.data.sources[0]!.story).toBe(orchardId);

    const who = await askData(bot, 'Who is Tomas Greve?');
    expect(who.data.sources[0]!.story).toBe(orchardId);
    expect(who.data.answer).toMatch(/farmer|chairs/);

    const said = await askData(bot, 'What did Mara Lindqvist say?');
    expect(said.data.answer).toContain('confident the bridge is safe');
    expect(said.data.sources[0]!.story).toBe(bridgeId);
  });

  it('declines questions that share a word with a story but ask what it does not say', async () => {
    const bot = botWith(library());
    for (const question of [
      'How many bridges collapsed in Italy?',
      'Who won the apple pie contest?',
      'When will the Tessel Valley airport open?',
      'What did the mayor of Amsey say?',
    ]) {
      expect((await askData(bot, question)).data.answer, question).toBeNull();
    }
  });

  it('story: keeps the answer to one story', async () => {
    const lib = library();
    const bot = botWith(lib);
    const inOrchard = await askData(bot, 'When will the bridge reopen?', 'tessel');
    expect(inOrchard.data.answer).toBeNull();
    const inBridge = await askData(bot, 'When will the bridge reopen?', 'harlow');
    expect(inBridge.data.sources[0]!.story).toBe(lib.bySourcePath('bridge.txt')!.briefing.id);
  });

  it('the index follows the library: added stories answer, removed ones no longer do', async () => {
    const lib = library();
    const bot = botWith(lib);
    const index = bot.services.questions();
    expect(bot.services.questions()).toBe(index);
    expect((await askData(bot, 'When will the ferry service start?')).data.answer).toBeNull();

    lib.upsert(storyOf(FERRY, 'ferry.txt', 3));
    const added = await askData(bot, 'When will the ferry service start?');
    expect(added.data.answer).toMatch(/^June 2, 2025 — /);
    expect(index.size).toBe(3);

    lib.upsert(storyOf(FERRY.replace('June 2, 2025', 'July 9, 2025'), 'ferry.txt', 4));
    expect((await askData(bot, 'When will the ferry service start?')).data.answer).toMatch(/^July 9, 2025 — /);
    expect(index.size).toBe(3);

    lib.remove('ferry.txt');
    expect((await askData(bot, 'When will the ferry service start?')).data.answer).toBeNull();
    expect(index.size).toBe(2);
  });

  it('finds the one story that answers among many alike, reading only a few', async () => {
    const towns = ['Brevik', 'Caldmoor', 'Dunhollow', 'Eskerby', 'Fallowmere', 'Grisdale', 'Hawkstone', 'Ilverton'];
    const lib = new Library(
      Array.from({ length: 40 }, (_, i) => {
        const town = `${towns[i % towns.length]} ${['North', 'South', 'East', 'West', 'Upper'][Math.floor(i / towns.length)]}`;
        const text = `The ${town} council voted on Monday to plant ${100 + i} trees along the river.\nCouncillors said the trees would shade the path in summer.`;
        return storyOf(text, `town-${i}.txt`, i);
      }),
    );
    const index = buildIndex(lib);
    expect(index.stories('How many trees did the Caldmoor South council plant?').length).toBeLessThanOrEqual(8);
    const { data } = await askData(botWith(lib), 'How many trees did the Caldmoor South council plant?');
    expect(data.answer).toMatch(/^109 trees — /);
    expect(data.sources[0]!.story).toBe(lib.bySourcePath('town-9.txt')!.briefing.id);
  });
});
