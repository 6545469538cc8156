import { defineCommand } from './services.js';
import { errorReply } from '../src/core/reply.js';
import { hasContent } from '../src/questions/answer.js';
import { ask as answerQuestion } from '../src/questions/qa/ask.js';
import { answerReply } from '../src/questions/answer-reply.js';
import { othersSection, storiesOf, storyOption } from './shared.js';
import type { Briefing } from '../src/briefing/types.js';
import { withWrittenAnswer, writeAnswer } from '../src/llm/answer-text.js';

export const MAX_QUESTION = 2000;

export const ask = defineCommand({
  name: 'ask',
  description: 'Ask a question about the loaded stories; the answer cites the story and sentence it comes from',
  options: {
    // Declared first: a mention of the bot passes its text as the first option.
    question: {
      type: 'string',
      description: 'Your question, e.g. "who is Kim Jong-un?" or "when did the summit happen?"',
      required: true,
      maxLength: MAX_QUESTION,
      positional: 'rest',
      freeText: true,
      multiWord: true,
    },
    story: { ...storyOption, positional: false, description: 'Only look in this story (id or words of its title)' },
  },
  examples: ['/ask who is Kim Jong-un?', '/ask what did the police say? story:<id>'],
  run: ({ options, library, questions, stories, model, caller }) => {
    const question = options.question.trim();
    if (!hasContent(question)) {
      return errorReply(
        'Ask a question with some words in it.',
        'Usage: /ask question:<text> [story:<id>], e.g. /ask who is quoted?',
      );
    }
    if (library.size === 0)
      return errorReply(
        'No stories are loaded yet, so there is nothing to answer from.',
        'Add .txt, .md or .html files to the seeds folder.',
      );
    let source: string | undefined;
    const book = storiesOf({ library, stories });
    // Story words that match several stories: the answer comes from the newest, and says which others there are.
    let others: ReturnType<typeof othersSection> | undefined;
    if (options.story) {
      const found = library.resolve(options.story);
      if (!found.ok) return errorReply(found.message);
      source = found.story.source;
      const placed = book.resolve(options.story);
      if (placed.ok && placed.others) others = othersSection(placed.others);
    }
    // A sentence from one article of a bigger story is cited as that article, with its outlet and its story.
    const cite = (b: Briefing) => {
      const placed = book.of(b.source);
      if (!placed || (placed.story.articles.length === 1 && placed.article.sources.length === 1)) return undefined;
      const outlet = placed.article.sources.find((s) => s.source === b.source)?.outlet;
      return `${outlet ? `${outlet}, ` : ''}article ${placed.article.id} of story ${placed.story.id}`;
    };
    const answer = answerQuestion(questions(), question, source);
    const answered = answerReply(answer, cite);
    const reply = others ? { ...answered, sections: [others, ...answered.sections] } : answered;
    // With the model layer, a prose answer from the retrieved sentences only; a decline is never sent to it.
    if (!model || answer.answer === null) return reply;
    return writeAnswer(model, question, answer, { channel: caller.channelId }).then((written) =>
      written ? withWrittenAnswer(reply, answer, written) : reply,
    );
  },
});
