// Slack command names from the registry. SLACK_COMMAND_PREFIX avoids clashes in crowded workspaces: with prefix
// "bb", /summary is registered as /bb-summary. The joiner is "-" because Slack command names allow only
// lower-case letters, digits, "-" and "_", and "-" reads as a namespace where "_" reads as part of a word.
export const PREFIX_JOINER = '-';

/** The Slack command (with its slash) for a registry command name. */
export function slashCommand(name: string, prefix = ''): string {
  return `/${prefix ? `${prefix}${PREFIX_JOINER}` : ''}${name}`;
}

/** The registry name for a Slack command: `/bb-summary` → `summary` with prefix "bb". Unprefixed names pass through. */
export function commandName(slash: string, prefix = ''): string {
  const bare = slash.replace(/^\//, '').toLowerCase();
  const head = prefix ? `${prefix}${PREFIX_JOINER}` : '';
  return head && bare.startsWith(head) ? bare.slice(head.length) : bare;
}
