// The console's own reading of a line: known words, a line that is not a question, and tab completion.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { ConsoleAdapter, consoleAction, consoleCompleter, runConsoleLine } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render-text.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createBot } from '../../src/core/bot.js';
import { looksLikeQuestion } from '../../src/core/parse.js';
import { lazyIndex } from '../../src/app.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';

const library = new Library([
  {
    briefing: deriveBriefing({
      text: 'Harbour reopens after storm\nThe city harbour reopened on Tuesday after a week of repairs, officials said.\n',
      source: 'harbour.txt',
    }),
    addedAt: Date.UTC(2026, 10, 1),
  },
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
const id = library.briefings()[0]!.id;
const line = async (text: string) => {
  const reply = await runConsoleLine(bot, text);
  return reply ? renderText(reply) : null;
};

describe('a console line without a slash', () => {
  it('help runs /help, and help summary explains /summary', async () => {
    expect(await line('help')).toContain('briefbot: news briefings');
    expect(await line('help summary')).toContain('Usage: /summary');
    expect(await line('help me find the harbour story')).not.toContain('did not expect');
  });

  it('a word that is no question is told how commands are written', async () => {
    for (const word of ['banana', 'Kim Jong-un']) {
      const text = await line(word);
      expect(text).toContain('Commands start with /; type /help');
      expect(text).not.toContain('in my sources');
    }
    expect(await line('sumary')).toContain('Did you mean /summary?');
  });

  it('a question still goes to /ask', async () => {
    expect(await line('who reopened the harbour')).not.toContain('Commands start with /');
    expect(await line('harbour?')).not.toContain('Commands start with /');
  });

  it('exit, quit and clear are the console’s own', () => {
    expect(consoleAction('exit')).toBe('exit');
    expect(consoleAction(' QUIT ')).toBe('exit');
    expect(consoleAction('/quit')).toBe('exit');
    expect(consoleAction('clear')).toBe('clear');
    expect(consoleAction('clear the harbour')).toBeNull();
  });

  it('reads question shapes', () => {
    expect(looksLikeQuestion('clear')).toBe(false);
    expect(looksLikeQuestion('who')).toBe(false);
    expect(looksLikeQuestion('who is Ri')).toBe(true);
    expect(looksLikeQuestion('Ri?')).toBe(true);
    expect(looksLikeQuestion('the harbour storm repairs')).toBe(true);
  });

  it('clear on a terminal clears the screen and is not sent to the bot', async () => {
    const input = new PassThrough();
    let written = '';
    const output = new Writable({ write: (chunk: Buffer, _e, done) => ((written += String(chunk)), done()) });
    const adapter = new ConsoleAdapter({ bot, library }, { input, output, interactive: true });
    await adapter.start();
    input.end('clear\nexit\n');
    await adapter.finished();
    expect(written).toContain('\x1b[2J');
    expect(written).not.toContain('Sorry');
    expect(written).not.toContain('in my sources');
  });
});

describe('tab completion', () => {
  const complete = consoleCompleter(bot, library);

  it('completes commands', () => {
    expect(complete('/su')).toEqual([['/summary '], '/su']);
    expect(complete('/s')[0]).toEqual(['/summary', '/stories']);
    expect(complete('he')).toEqual([['help'], 'he']);
  });

  it('completes option names, leaving out those given', () => {
    expect(complete('/summary le')).toEqual([['length:'], 'le']);
    expect(complete('/summary length:long ')[0]).not.toContain('length:');
    expect(complete('/summary length:long ')[0]).toContain('story:');
  });

  it('completes choices and story ids', () => {
    expect(complete('/summary length:l')).toEqual([['length:long'], 'length:l']);
    expect(complete(`/summary story:${id.slice(0, 3)}`)).toEqual([[`story:${id}`], `story:${id.slice(0, 3)}`]);
    expect(complete(`/brief ${id.slice(0, 3)}`)).toEqual([[id], id.slice(0, 3)]);
    expect(complete('/digest sub')).toEqual([['subscribe'], 'sub']);
  });

  it('offers nothing for an unknown command or option', () => {
    expect(complete('/nope x')[0]).toEqual([]);
    expect(complete('/summary colour:r')[0]).toEqual([]);
  });
});
