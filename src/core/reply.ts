// The neutral Reply every command returns. All strings are plain text: adapters escape and render them.

export interface QuoteItem {
  text: string;
  speaker: string | null;
  via?: string;
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'bullets'; items: string[]; ordered?: boolean }
  | { type: 'quotes'; items: QuoteItem[] }
  | { type: 'fields'; items: Array<{ name: string; value: string }> };

export interface Section {
  heading?: string;
  blocks: Block[];
}

export interface Reply {
  title?: string;
  sections: Section[];
  /** Names the source (file, story id) or carries a receipt. */
  footer?: string;
  /** Shown only to the caller where the platform allows it (help, errors, dry runs). */
  ephemeral?: boolean;
  /** 'error' replies are rendered as such and are always ephemeral. */
  kind?: 'ok' | 'error' | 'notice';
  /** The original a reply about a fetched article links back to; adapters render it (embed URL, Slack link, a line). */
  link?: ReplyLink;
  /** Structured result for `--json` and programmatic callers (e.g. `{answer, sources}` for /ask). */
  data?: unknown;
}

export interface ReplyLink {
  url: string;
  /** The outlet (site name or feed title). */
  outlet?: string | null;
  /** ISO-8601 publication time, when known. */
  published?: string | null;
}

/** "Town Gazette · 2 December 2026 · https://…": the one wording every renderer uses for a link back. */
export function linkLine(link: ReplyLink): string {
  const date =
    link.published && !Number.isNaN(Date.parse(link.published))
      ? new Date(link.published).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        })
      : null;
  return [link.outlet, date, link.url].filter(Boolean).join(' · ');
}

export function errorReply(message: string, hint?: string): Reply {
  const blocks: Block[] = [{ type: 'text', text: message }];
  if (hint) blocks.push({ type: 'text', text: hint });
  return { title: 'Sorry', sections: [{ blocks }], ephemeral: true, kind: 'error' };
}

/** Every string a reply carries, in reading order: what a renderer must never lose. */
export function replyTexts(reply: Reply): string[] {
  const out: string[] = [];
  if (reply.title) out.push(reply.title);
  for (const section of reply.sections) {
    if (section.heading) out.push(section.heading);
    for (const block of section.blocks) {
      switch (block.type) {
        case 'text':
          out.push(block.text);
          break;
        case 'bullets':
          out.push(...block.items);
          break;
        case 'quotes':
          for (const q of block.items) out.push(q.text, ...(q.speaker ? [q.speaker] : []), ...(q.via ? [q.via] : []));
          break;
        case 'fields':
          for (const f of block.items) out.push(f.name, f.value);
          break;
      }
    }
  }
  if (reply.footer) out.push(reply.footer);
  return out;
}

/** How a quote is attributed in every renderer, so platforms agree on wording. */
export function attribution(q: QuoteItem): string {
  const who = q.speaker ?? 'unattributed';
  return q.via ? `${who} (via ${q.via})` : who;
}

/** The same reply with `fn` applied to every string it shows (not to `data`). */
export function mapReplyText(reply: Reply, fn: (text: string) => string): Reply {
  const block = (b: Block): Block => {
    switch (b.type) {
      case 'text':
        return { ...b, text: fn(b.text) };
      case 'bullets':
        return { ...b, items: b.items.map(fn) };
      case 'quotes':
        return {
          ...b,
          items: b.items.map((q) => ({
            ...q,
            text: fn(q.text),
            speaker: q.speaker === null ? null : fn(q.speaker),
            ...(q.via ? { via: fn(q.via) } : {}),
          })),
        };
      case 'fields':
        return { ...b, items: b.items.map((f) => ({ name: fn(f.name), value: fn(f.value) })) };
    }
  };
  return {
    ...reply,
    ...(reply.title !== undefined ? { title: fn(reply.title) } : {}),
    sections: reply.sections.map((s) => ({
      ...(s.heading !== undefined ? { heading: fn(s.heading) } : {}),
      blocks: s.blocks.map(block),
    })),
    ...(reply.footer !== undefined ? { footer: fn(reply.footer) } : {}),
  };
}

/**
 * Rewrites mentions of the bot's own commands ("/summary", "Try /stories") to the names a platform registered
 * them under, e.g. "/bb-summary" with a Slack prefix. Only whole command names after a space or bracket change.
 */
export function renameCommands(reply: Reply, names: readonly string[], rename: (name: string) => string): Reply {
  if (names.length === 0) return reply;
  const pattern = new RegExp(
    `(^|[\\s(“"'\`])/(${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`,
    'g',
  );
  return mapReplyText(reply, (text) =>
    text.replace(pattern, (_m, lead: string, name: string) => `${lead}${rename(name)}`),
  );
}
