// Discord's HTTP interactions endpoint, the alternative to receiving commands over the gateway: Discord POSTs each
// interaction to a URL, so any replica behind a load balancer can answer it and none needs a gateway session.
// Each request is checked (Ed25519 signature over timestamp + body, timestamp age) before anything else; a bad one
// gets 401, as Discord requires (it sends bad signatures on purpose). PING gets PONG. A command is deferred in the
// HTTP response itself (type 5), then run, and its reply replaces the "thinking…" through REST (PATCH @original).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webcrypto } from 'node:crypto';
import { MessageFlags, REST, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { callerOn, type Caller } from '../../core/caller.js';
import type { OptionSpec } from '../../core/command.js';
import type { RawOptions } from '../../core/options.js';
import { errorReply, type Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { AdapterContext, Endpoint } from '../adapter.js';
import { summariseError } from './errors.js';
import { NO_MENTIONS_JSON } from './interactions.js';
import { renderReply, type RenderedMessage } from './render.js';
import { checkSignature, importPublicKey } from './signature.js';
import { storyChoices } from './story-choices.js';

export type InteractionsConfig = Pick<
  Config,
  'DISCORD_PUBLIC_KEY' | 'DISCORD_INTERACTIONS_PORT' | 'DISCORD_INTERACTIONS_HOST' | 'DISCORD_API_URL'
>;

/** Discord's interaction and callback types used here (API v10). */
const PING = 1;
const APPLICATION_COMMAND = 2;
const AUTOCOMPLETE = 4;
const PONG = 1;
const DEFERRED_MESSAGE = 5;
const AUTOCOMPLETE_RESULT = 8;
const MANAGE_GUILD = 1n << 5n;
/** Discord's own bodies are small; anything much larger is not an interaction. */
const MAX_BODY = 256 * 1024;

interface OptionData {
  name: string;
  value?: string | number | boolean;
  focused?: boolean;
}

export interface InteractionBody {
  id: string;
  application_id: string;
  type: number;
  token: string;
  guild_id?: string;
  channel_id?: string;
  member?: { user: { id: string }; permissions?: string };
  user?: { id: string };
  data?: { name: string; options?: OptionData[] };
}

export class InteractionsEndpoint implements Endpoint {
  private server: Server | null = null;
  private key: webcrypto.CryptoKey | null = null;
  private readonly rest: REST;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly context: AdapterContext<InteractionsConfig>,
    private readonly now: () => number = Date.now,
  ) {
    this.log = context.log.child({ platform: 'discord', via: 'http' });
    const api = context.config.DISCORD_API_URL?.replace(/\/+$/, '');
    // Interaction webhooks are authorised by their token, so this REST client needs no bot token.
    this.rest = new REST({ ...(api ? { api } : {}), handlerSweepInterval: 60_000 });
  }

  /** The port it listens on (useful when configured as 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async start(): Promise<void> {
    this.key = await importPublicKey(this.context.config.DISCORD_PUBLIC_KEY ?? '');
    this.server = createServer((req, res) => void this.handle(req, res));
    const { DISCORD_INTERACTIONS_PORT: port, DISCORD_INTERACTIONS_HOST: host } = this.context.config;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.log.info({ port: this.port }, `Discord interactions endpoint on http://${host}:${this.port}/interactions`);
  }

  /** Stops taking requests, then lets the commands already deferred finish their replies. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      const body = await readBody(req);
      if (body === null) return send(res, 413, { error: 'body too large' });
      const check = await checkSignature(
        this.key!,
        header(req, 'x-signature-ed25519'),
        header(req, 'x-signature-timestamp'),
        body,
        this.now(),
      );
      if (!check.ok) {
        this.log.warn({ reason: check.reason }, `refused an interaction: ${check.reason}`);
        return send(res, 401, { error: 'invalid request signature' });
      }
      let interaction: InteractionBody;
      try {
        interaction = JSON.parse(body.toString('utf8')) as InteractionBody;
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      if (interaction.type === PING) return send(res, 200, { type: PONG });
      if (interaction.type === AUTOCOMPLETE)
        return send(res, 200, { type: AUTOCOMPLETE_RESULT, data: { choices: this.choices(interaction) } });
      if (interaction.type !== APPLICATION_COMMAND || !interaction.data)
        return send(res, 400, { error: `interaction type ${interaction.type} is not handled` });
      const command = this.context.bot.find(interaction.data.name);
      const ephemeral = command ? Boolean(command.ephemeral) : true;
      send(res, 200, { type: DEFERRED_MESSAGE, ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}) });
      const work = this.answer(interaction, ephemeral).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    } catch (error) {
      this.log.error({ err: summariseError(error) }, 'interaction request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    }
  }

  private choices(interaction: InteractionBody): Array<{ name: string; value: string }> {
    const focused = interaction.data?.options?.find((o) => o.focused);
    const spec =
      focused && (this.context.bot.find(interaction.data!.name)?.options[focused.name] as OptionSpec | undefined);
    return spec && spec.type === 'string' && spec.autocomplete === 'story'
      ? storyChoices(this.context.library, String(focused.value ?? ''))
      : [];
  }

  private async answer(interaction: InteractionBody, deferredEphemeral: boolean): Promise<void> {
    const name = interaction.data!.name;
    const started = performance.now();
    try {
      const reply = await this.context.bot.run(name, rawOptions(interaction), callerOf(interaction));
      await this.deliver(interaction, reply, deferredEphemeral);
      this.log.debug(
        { command: name, ms: Math.round(performance.now() - started) },
        'discord command answered over HTTP',
      );
    } catch (error) {
      this.log.error({ command: name, err: summariseError(error) }, 'discord command failed');
      const [message] = renderReply(
        errorReply(`Something went wrong answering /${name}. It has been logged; please try again.`),
      );
      await this.followUp(interaction, message!, true).catch((err: unknown) =>
        this.log.warn({ command: name, err: summariseError(err) }, 'could not tell the user about a failure'),
      );
    }
  }

  /** Replaces the deferred original with the reply; further messages follow up. */
  private async deliver(interaction: InteractionBody, reply: Reply, deferredEphemeral: boolean): Promise<void> {
    const messages = renderReply(reply);
    const original = Routes.webhookMessage(interaction.application_id, interaction.token, '@original');
    if (reply.ephemeral && !deferredEphemeral) {
      // A public defer cannot become private: remove it and answer privately instead.
      await this.rest.delete(original, { auth: false });
      for (const m of messages) await this.followUp(interaction, m, true);
      return;
    }
    const [first, ...rest] = messages;
    await this.rest.patch(original, {
      auth: false,
      body: { embeds: first!.embeds, allowed_mentions: NO_MENTIONS_JSON },
    });
    for (const m of rest) await this.followUp(interaction, m, deferredEphemeral);
  }

  private async followUp(interaction: InteractionBody, message: RenderedMessage, ephemeral: boolean): Promise<void> {
    await this.rest.post(Routes.webhook(interaction.application_id, interaction.token), {
      auth: false,
      body: {
        embeds: message.embeds,
        allowed_mentions: NO_MENTIONS_JSON,
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      },
    });
  }
}

export function callerOf(interaction: InteractionBody): Caller {
  const permissions = interaction.member?.permissions;
  return callerOn('discord', {
    userId: interaction.member?.user.id ?? interaction.user?.id ?? 'unknown',
    channel: interaction.channel_id ?? 'unknown',
    isAdmin: permissions !== undefined && /^\d+$/.test(permissions) && (BigInt(permissions) & MANAGE_GUILD) !== 0n,
    guildId: interaction.guild_id ?? null,
  });
}

function rawOptions(interaction: InteractionBody): RawOptions {
  const raw: RawOptions = {};
  for (const o of interaction.data?.options ?? []) {
    if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean')
      raw[o.name] = o.value;
  }
  return raw;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function createInteractionsEndpoint(
  context: AdapterContext<InteractionsConfig>,
): Promise<InteractionsEndpoint> {
  return new InteractionsEndpoint(context);
}
