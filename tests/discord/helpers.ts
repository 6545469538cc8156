// Reading what the bot sent to the emulator for one interaction or one channel.
import type { AnyCommand, OptionSpec } from '../../src/core/command.js';
import type { DiscordEmulator, RecordedCall } from '../../testkit/emulators/discord/index.js';

const MESSAGE_ROUTES = new Set(['PATCH /webhooks/:app/:token/messages/@original', 'POST /webhooks/:app/:token']);

export interface InteractionAnswer {
  callback: RecordedCall;
  /** The edited original and follow-ups, in order, as accepted (200) by the emulator. */
  messages: RecordedCall[];
  /** Every call made with this interaction's token, failures included. */
  all: RecordedCall[];
}

/** Waits for the callback and `count` delivered messages of one interaction. */
export async function answerOf(emu: DiscordEmulator, token: string, count: number): Promise<InteractionAnswer> {
  const callback = await emu.waitForCall(
    (c) => c.route === 'POST /interactions/:id/:token/callback' && c.params.token === token,
  );
  const delivered = () => emu.callsFor(token).filter((c) => MESSAGE_ROUTES.has(c.route) && c.status === 200);
  while (delivered().length < count) {
    await emu.waitForCall((c) => c.params.token === token && MESSAGE_ROUTES.has(c.route) && c.status === 200, {
      from: emu.calls.length,
    });
  }
  return { callback, messages: delivered(), all: emu.callsFor(token) };
}

/** All the text a message body shows: content, titles, descriptions, fields and footers. */
export function bodyText(body: unknown): string {
  const b = body as {
    content?: string;
    embeds?: Array<{
      title?: string;
      description?: string;
      fields?: Array<{ name: string; value: string }>;
      footer?: { text: string };
    }>;
  };
  const parts = [b.content ?? ''];
  for (const e of b.embeds ?? [])
    parts.push(
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    );
  return parts.join('\n');
}

export function flagsOf(body: unknown): number {
  return ((body as { flags?: number; data?: { flags?: number } }).flags ??
    (body as { data?: { flags?: number } }).data?.flags ??
    0) as number;
}

/** Whether each delivered message is visible only to the caller: an edited original inherits the defer's flag. */
export function privateFlags(answer: InteractionAnswer): boolean[] {
  const deferredPrivately = Boolean(flagsOf(answer.callback.body) & 64);
  return answer.messages.map((m) =>
    m.route === 'POST /webhooks/:app/:token' ? Boolean(flagsOf(m.body) & 64) : deferredPrivately,
  );
}

/** Values that make a command run for real: the given story, and a plausible value for each required option. */
export function optionsFor(command: AnyCommand, story: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(command.options as Record<string, OptionSpec>)) {
    if (name === 'story') out[name] = story;
    else if (spec.required)
      out[name] =
        spec.type === 'boolean'
          ? true
          : spec.type === 'integer'
            ? (spec.min ?? 1)
            : (spec.choices?.[0] ?? 'who is quoted?');
  }
  return out;
}
