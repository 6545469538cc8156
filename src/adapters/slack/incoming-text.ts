// Turns the text Slack sends (mentions and links as <…> sequences, & < > as entities) into the plain text the
// commands expect, so `/quotes speaker:"Kim"` and `@briefbot who is <@U123>?` read as typed.

/** Removes mentions of the bot itself; when its user id is unknown, a leading mention is taken to be the bot. */
export function withoutBotMention(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim();
}

/** Slack's markup to plain text: `<@U1|kim>` → `@kim`, `<#C1|news>` → `#news`, `<https://x|x>` → `x`, entities decoded. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<([@#!])([^>|]+)(?:\|([^>]*))?>/g, (_, sigil: string, id: string, label?: string) => {
      if (sigil === '!') return `@${(label || id).replace(/^subteam\^/, '')}`;
      return `${sigil}${label || id}`;
    })
    .replace(/<([^>|]+)(?:\|([^>]*))?>/g, (_, url: string, label?: string) => label || url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
