import type { AnyCommand, OptionSpec } from '../src/core/command.js';
import { defineCommand } from './services.js';
import { optionUsage, usage } from '../src/core/options.js';

export const help = defineCommand({
  name: 'help',
  description: 'What briefbot can do, or how to use one command',
  options: {
    command: { type: 'string', description: 'A command to explain', maxLength: 40, positional: true },
  },
  ephemeral: true,
  examples: ['/help', '/help summary'],
  run: ({ options, commands, botName }) => {
    if (options.command) {
      const name = options.command.replace(/^\//, '').toLowerCase();
      const command: AnyCommand | undefined = commands.find((c) => c.name === name);
      if (!command) {
        return {
          title: 'Help',
          sections: [
            {
              blocks: [
                {
                  type: 'text',
                  text: `There is no /${name} command. Commands: ${commands.map((c) => `/${c.name}`).join(', ')}.`,
                },
              ],
            },
          ],
          ephemeral: true,
          kind: 'error',
        };
      }
      const optionFields = Object.entries(command.options as Record<string, OptionSpec>).map(([k, spec]) => ({
        name: optionUsage(k, spec),
        value: `${spec.description}${spec.required ? ' (required)' : ''}`,
      }));
      return {
        title: `/${command.name}`,
        sections: [
          {
            blocks: [
              { type: 'text', text: command.description },
              { type: 'text', text: `Usage: ${usage(command)}` },
            ],
          },
          ...(optionFields.length
            ? [{ heading: 'Options', blocks: [{ type: 'fields' as const, items: optionFields }] }]
            : []),
          ...(command.examples?.length
            ? [{ heading: 'Examples', blocks: [{ type: 'bullets' as const, items: command.examples }] }]
            : []),
        ],
        ephemeral: true,
      };
    }
    return {
      title: `${botName}: news briefings`,
      sections: [
        { blocks: [{ type: 'fields', items: commands.map((c) => ({ name: `/${c.name}`, value: c.description })) }] },
        {
          blocks: [
            {
              type: 'text',
              text: `Options are written like length:long (/summary length:long). A name, a question or story words may be several words: /quotes speaker:Kim Jong-un. Other values of several words go in quotes: schedule:"daily 07:30". Every story command takes story:<id or title words>; the default is the newest story.`,
            },
            { type: 'text', text: `Mention @${botName} with a question to get an answer from the loaded stories.` },
          ],
        },
      ],
      footer: 'Use /help <command> for one command in detail.',
      ephemeral: true,
    };
  },
});
