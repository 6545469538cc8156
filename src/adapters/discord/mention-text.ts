// What a message that mentions the bot is asking: the text after the bot's own mention.
// Only a mention of the bot's user counts; @everyone, @here and role mentions never do.

/** The question in `content`, or null when the bot itself is not mentioned. */
export function mentionQuestion(content: string, botId: string): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  const first = mention.exec(content);
  if (!first) return null;
  const after = content.slice(first.index + first[0].length).replace(mention, ' ');
  const question = after.trim() ? after : content.replace(mention, ' ');
  // A leading comma or colon ("@bot, who is Kim?") is punctuation, not part of the question.
  return question
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,:;]\s*/, '');
}
