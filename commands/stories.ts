import { defineCommand } from './services.js';

export const stories = defineCommand({
  name: 'stories',
  description: 'The stories loaded, newest first, with their ids',
  options: {
    search: { type: 'string', description: 'Only stories whose title has these words', maxLength: 200, positional: 'rest' },
  },
  examples: ['/stories', '/stories search:korea'],
  run: ({ options, library }) => {
    const list = options.search ? library.match(options.search, 100) : library.briefings();
    if (list.length === 0) {
      const text = library.size === 0 ? 'No stories are loaded. Add .txt, .md or .html files to the seeds folder.' : `No story title matches "${options.search}".`;
      return { title: 'Stories', sections: [{ blocks: [{ type: 'text', text }] }], kind: 'notice', data: { stories: [] } };
    }
    return {
      title: `Stories (${list.length})`,
      sections: [{ blocks: [{ type: 'fields', items: list.map((b) => ({ name: b.title, value: `id: ${b.id}${b.date ? ` · ${b.date}` : ''}` })) }] }],
      footer: 'Use story:<id> with any command, e.g. /summary story:<id>',
      data: { stories: list.map((b) => ({ id: b.id, title: b.title, date: b.date, source: b.source })) },
    };
  },
});
