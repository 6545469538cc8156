// Makes plain text safe to place inside Slack mrkdwn. Replies carry user and article text, so nothing in them may
// become a ping (<!channel>, <!here>, <@U…>), a disguised link (<https://…|label>) or formatting we did not write.

/** `&`, `<` and `>` are the only characters Slack's control sequences need; escaped, no `<…>` can ever form. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Slack has no escape for formatting marks, so a mark that could open or close formatting is swapped for a
// look-alike character (the approach jsx-slack takes). A mark inside a word (snake_case, 2*3) formats nothing in
// Slack and is kept as typed, so ordinary text is not altered.
const LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };
const WORD = /[\p{L}\p{N}]/u;

function neutraliseMarks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const swap = LOOKALIKE[ch];
    if (swap === undefined) {
      out += ch;
      continue;
    }
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    const insideWord = WORD.test(before) && WORD.test(after);
    out += insideWord ? ch : swap;
  }
  return out;
}

/**
 * Escapes and neutralises text we did not write. A line that starts with `>` would render as a block quote, so
 * it gets an invisible soft hyphen in front.
 */
export function mrkdwnText(text: string): string {
  return escapeMrkdwn(neutraliseMarks(text)).replace(/^&gt;/gm, '\u00ad&gt;');
}

/** Bold text of ours around text that is not: the inner marks are neutralised, so the bold cannot be broken. */
export function bold(text: string): string {
  return `*${mrkdwnText(text)}*`;
}
