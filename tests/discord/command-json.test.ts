import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandJson, commandsJson, sameCommands, shortDescription } from '../../src/adapters/discord/command-json.js';
import { defineCommand } from '../../src/core/command.js';

const sample = defineCommand({
  name: 'Digest',
  description:
    'Manage scheduled digests for this channel, with a description that goes on far past what Discord allows in one',
  options: {
    schedule: { type: 'string', description: 'When', maxLength: 80 },
    action: { type: 'string', description: 'What to do', choices: ['subscribe', 'list'], required: true },
    count: { type: 'integer', description: 'How many', min: 1, max: 5 },
    story: { type: 'string', description: 'Which story', autocomplete: 'story' },
    dry: { type: 'boolean', description: 'Only show', required: true },
  },
  run: () => ({ sections: [] }),
});

describe('commandJson', () => {
  it('converts a declaration: lower-case name, required options first, types, choices, autocomplete, bounds', () => {
    const json = commandJson(sample);
    expect(json.name).toBe('digest');
    expect(json.description.length).toBeLessThanOrEqual(100);
    expect(json.description.endsWith('…')).toBe(true);
    expect(json.options).toEqual([
      {
        type: 3,
        name: 'action',
        description: 'What to do',
        required: true,
        choices: [
          { name: 'subscribe', value: 'subscribe' },
          { name: 'list', value: 'list' },
        ],
      },
      { type: 5, name: 'dry', description: 'Only show', required: true },
      { type: 3, name: 'schedule', description: 'When', max_length: 80 },
      { type: 4, name: 'count', description: 'How many', min_value: 1, max_value: 5 },
      { type: 3, name: 'story', description: 'Which story', autocomplete: true },
    ]);
  });

  it('refuses a name Discord would refuse, naming it', () => {
    expect(() => commandJson({ ...sample, name: 'two words' })).toThrow(/"two words"/);
  });

  it('shortens descriptions at a word', () => {
    expect(shortDescription('short')).toBe('short');
    const long = shortDescription('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/word…$/);
  });

  it('converts every registered command within Discord limits', () => {
    for (const json of commandsJson(commands)) {
      expect(json.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(json.description.length).toBeLessThanOrEqual(100);
      expect(json.options.length).toBeLessThanOrEqual(25);
      const firstOptional = json.options.findIndex((o) => !o.required);
      if (firstOptional >= 0) expect(json.options.slice(firstOptional).every((o) => !o.required)).toBe(true);
      for (const o of json.options) expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('sameCommands', () => {
  const local = commandsJson([sample]);
  // What Discord returns: ids and defaults added, `required: false` omitted, commands in its own order.
  const remote = local.map((c) => ({
    ...c,
    id: '1',
    application_id: '2',
    version: '3',
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
  }));

  it('sees Discord’s echo of our commands as unchanged', () => {
    expect(sameCommands(local, remote)).toBe(true);
    expect(sameCommands([...commandsJson(commands)], [...commandsJson(commands)].reverse())).toBe(true);
  });

  it('sees a changed description, option, or a missing command as a change', () => {
    expect(sameCommands(local, [{ ...remote[0]!, description: 'other' }])).toBe(false);
    expect(sameCommands(local, [{ ...remote[0]!, options: remote[0]!.options.slice(1) }])).toBe(false);
    expect(sameCommands(local, [])).toBe(false);
  });
});
