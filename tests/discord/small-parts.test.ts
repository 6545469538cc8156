import { describe, expect, it } from 'vitest';
import { inviteUrl, BOT_PERMISSIONS } from '../../src/adapters/discord/invite.js';
import { mentionQuestion } from '../../src/adapters/discord/mention-text.js';
import { storyChoices } from '../../src/adapters/discord/story-choices.js';
import { summariseError } from '../../src/adapters/discord/errors.js';
import { Library } from '../../src/library/library.js';
import { briefing, SMALL } from './fixtures.js';

describe('inviteUrl', () => {
  it('asks for bot and applications.commands with exactly the five permissions the bot uses', () => {
    const url = new URL(inviteUrl('123'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History, Send Messages in Threads.
    expect(BigInt(url.searchParams.get('permissions')!)).toBe(
      (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 38n),
    );
    expect(BOT_PERMISSIONS & (1n << 3n)).toBe(0n);
  });
});

describe('mentionQuestion', () => {
  const bot = '42';
  it('takes the text after the bot’s own mention', () => {
    expect(mentionQuestion('<@42> who is quoted?', bot)).toBe('who is quoted?');
    expect(mentionQuestion('<@!42>, when did it happen', bot)).toBe('when did it happen');
    expect(mentionQuestion('hey <@42> what happened <@42>', bot)).toBe('what happened');
    expect(mentionQuestion('who is Kim? <@42>', bot)).toBe('who is Kim?');
    expect(mentionQuestion('<@42>', bot)).toBe('');
  });

  it('does not count other users, roles, @everyone or @here', () => {
    expect(mentionQuestion('<@43> hi', bot)).toBeNull();
    expect(mentionQuestion('<@&42> hi', bot)).toBeNull();
    expect(mentionQuestion('@everyone hi', bot)).toBeNull();
    expect(mentionQuestion('@here <@420> hi', bot)).toBeNull();
  });
});

describe('storyChoices', () => {
  const long = 'A very long title '.repeat(12).trim();
  const library = new Library(
    Array.from({ length: 30 }, (_, i) => ({
      briefing: briefing(`story-${String(i).padStart(2, '0')}`, i === 0 ? long : `Title ${i}`, SMALL),
      addedAt: i,
    })),
  );

  it('offers at most 25 matching stories, names ≤100 characters showing the id, values the id', () => {
    const all = storyChoices(library, '');
    expect(all).toHaveLength(25);
    for (const c of all) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.name.endsWith(c.value)).toBe(true);
    }
    const first = storyChoices(library, 'very long');
    expect(first).toHaveLength(1);
    expect(first[0]!.value).toBe('story-00');
    expect(first[0]!.name).toMatch(/^A very long title .*… · story-00$/);
    // Id prefixes rank before title-word matches.
    expect(
      storyChoices(library, 'story-1')
        .map((c) => c.value)
        .slice(0, 10),
    ).toEqual([
      'story-19',
      'story-18',
      'story-17',
      'story-16',
      'story-15',
      'story-14',
      'story-13',
      'story-12',
      'story-11',
      'story-10',
    ]);
  });
});

describe('summariseError', () => {
  it('keeps the kind and code but never a token-shaped string', () => {
    const token = 'a'.repeat(120);
    const error = Object.assign(new Error(`failed at /webhooks/1/${token}`), { code: 10062, status: 404 });
    expect(summariseError(error)).toEqual({
      name: 'Error',
      message: 'failed at /webhooks/1/[redacted]',
      code: 10062,
      status: 404,
    });
  });
});
