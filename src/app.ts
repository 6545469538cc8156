// Wires the bot together from config: the stories, the briefing cache and the question index built over them, the
// command registry and its services, and whichever adapters are configured. Every service is built here and passed in.
import { commands } from '../commands/index.js';
import type { Services } from '../commands/services.js';
import type { Adapter, AdapterContext, Endpoint } from './adapters/adapter.js';
import { ConsoleAdapter, type ConsoleOptions } from './adapters/console/console.js';
import type { Config } from './config.js';
import { createChannelRate } from './core/channel-rate.js';
import { createBot, type Bot } from './core/bot.js';
import { Library } from './library/library.js';
import { SeedWatcher } from './library/watch.js';
import { DigestRuntime } from './digest/runtime.js';
import { openStateBackend, type StateBackend } from './state/backend.js';
import { gatewayLock, type Lease } from './state/lease.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/health-server.js';
import { deliverThrough } from './digest/deliver.js';
import { FeedRuntime, type FeedRuntimeOptions } from './feeds/service.js';
import { deriveBriefing } from './briefing/derive.js';
import type { Briefing, DocumentInput } from './briefing/types.js';
import type { Logger } from './log.js';
import { readyToAnswer, warmTagger } from './questions/warm-up.js';
import type { QuestionIndex } from './questions/search-index.js';
import type { StoryBook } from './stories/story-book.js';
import { createModelWriter } from './llm/setup.js';
import { indexStore, knownFiles, lazyIndex, lazyStories, openCache, storyGroupStore } from './app/cache-wiring.js';
import { checkSeedsFolder, loadLibrary } from './app/library-load.js';
import { openState } from './app/state-open.js';

export {
  indexStore,
  knownFiles,
  lazyIndex,
  lazyStories,
  openQuestionCache,
  storyGroupStore,
  type QuestionCache,
} from './app/cache-wiring.js';
export { checkSeedsFolder, loadLibrary } from './app/library-load.js';
export { openState } from './app/state-open.js';

export interface Runtime {
  bot: Bot<Services>;
  library: Library;
  log: Logger;
  config: Config;
  seedsDir: string;
  /** Whether the seeds folder exists (a missing default folder is warned about once, and not watched). */
  seedsFound?: boolean;
  /** Derives a briefing, through the content-hash cache when one is configured. Use it for reloads too. */
  derive: (input: DocumentInput) => Briefing;
  /** Scheduled digests: the database opens on first use, the scheduler in startApp. */
  digests?: DigestRuntime;
  /** Feeds and links: stored articles are loaded here, the poller runs from startApp. */
  feeds?: FeedRuntime;
  /** The library's question index, built (or restored through the cache) on first use and kept current. */
  questions: () => QuestionIndex;
  /** The library's articles grouped into stories, built on first use and then kept current article by article. */
  stories: () => StoryBook;
  /** Where state lives: the SQLite file, or Postgres when DATABASE_URL is set. */
  state: StateBackend;
  metrics: Metrics;
}

export async function createRuntime(
  config: Config,
  log: Logger,
  seedsDir = config.SEEDS_DIR,
  feedOptions: FeedRuntimeOptions = {},
): Promise<Runtime> {
  const flag = seedsDir !== config.SEEDS_DIR;
  const seedsFound = checkSeedsFolder(seedsDir, config.seedsDirNamed || flag, flag, log);
  // State (SQLite file, or Postgres when DATABASE_URL is set) is opened here and handed to the features that keep it;
  // an existing SQLite file is opened now, so a bad one is reported before anything reads it.
  const state = openStateBackend(config);
  await openState({ state, config }, { create: false });
  const cache = openCache(config, log);
  // Through the cache, a briefing is held as its head and read whole when a command asks (see stored-briefing.ts).
  const derive = cache?.deriveStored ?? deriveBriefing;
  const library = seedsFound
    ? await loadLibrary(seedsDir, config, log, derive, cache ? knownFiles(cache) : undefined)
    : new Library([]);
  const metrics = createMetrics();
  const stories = lazyStories(library, cache ? storyGroupStore(cache) : undefined);
  const feeds = new FeedRuntime(config, library, log, derive, {
    state,
    // A fetched article is stored with the story it joined here, so a restart and every replica place it there.
    placeOf: (url) => stories().placementOf(url),
    onCheck: (result) => metrics.feedChecks.inc({ result }),
    ...feedOptions,
  });
  metrics.queueDepth('feeds_due', () => feeds.dueCount());
  metrics.queueDepth('article_changes', () => feeds.pendingChanges);
  // Articles fetched before a restart join the library before anything reads it.
  await feeds.load().catch((err: unknown) => log.error({ err }, 'stored articles could not be loaded'));
  const questions = lazyIndex(library, cache ? indexStore(cache) : undefined);
  // The optional model layer: only with LLM_BASE_URL and LLM_MODEL set; otherwise every text stays extractive.
  const model = createModelWriter(config, log, metrics.llm);
  const digests = new DigestRuntime(config, library, log, Date.now, state, metrics, stories, model);
  const services: Services = {
    library,
    questions,
    stories,
    commands,
    botName: config.BOT_NAME,
    now: () => new Date(),
    digests: digests.service,
    feeds: feeds.feedService,
    links: feeds.links,
    linkRate: createChannelRate(config.LINK_CHANNEL_RATE),
    ...(model ? { model } : {}),
  };
  const bot = createBot(services, log, (command, outcome, seconds) => {
    metrics.commands.inc({ command, outcome });
    metrics.commandSeconds.observe({ command }, seconds);
  });
  // A new article in a post:each channel is posted as its /brief reply.
  const poster = { platform: 'console' as const, userId: 'feeds', channelId: 'console:feeds', isAdmin: false };
  feeds.render = (briefing) => bot.run('brief', { story: briefing.id }, poster);
  return {
    bot,
    library,
    log,
    config,
    seedsDir,
    seedsFound,
    derive,
    digests,
    feeds,
    questions,
    stories,
    state,
    metrics,
  };
}

export interface StartOptions {
  /** Force the console even when platform tokens are set. */
  console?: boolean;
  consoleOptions?: ConsoleOptions;
}

/**
 * What start-up does before it takes commands, shared with the benchmark so it measures what a user sees: the
 * question index is built once (not per question) and then follows the library's changes; every answer shape is
 * primed, so the first question after a restart is as quick as the rest; the articles are grouped into stories
 * (a pass over the library) here, not in the first command; and the tagger loads just after, off this path.
 */
export function getReady(runtime: Pick<Runtime, 'questions' | 'stories' | 'library'>): void {
  readyToAnswer(runtime.questions(), runtime.library);
  runtime.stories().list();
  setTimeout(warmTagger, 0).unref();
}

/**
 * With Postgres, the articles other replicas store reach this library (and /ask, /stories, digests) as they are
 * stored, through LISTEN/NOTIFY, and after a lost connection by a catch-up; every replica follows, posting or not.
 * Stored articles that have no story recorded yet (stored before placements were kept) are given theirs.
 */
function followOtherReplicas(runtime: Pick<Runtime, 'feeds' | 'log'>): void {
  // Not awaited: the library is loaded already, and a Postgres that is away just now must not hold start-up.
  void runtime.feeds
    ?.follow()
    .catch((err: unknown) => runtime.log.error({ err }, 'could not follow the articles other replicas store'));
  // Articles stored before placements were kept get theirs now (either backend), so their story ids hold from here.
  void runtime.feeds
    ?.recordPlacements()
    .catch((err: unknown) => runtime.log.error({ err }, 'could not record the stories of stored articles'));
}

/**
 * With Postgres, one replica holds the Discord gateway (mentions), or each of its shards, elected by advisory
 * locks; posts use REST.
 */
function gatewayLease(runtime: Pick<Runtime, 'state' | 'config' | 'log' | 'metrics'>): Lease | undefined {
  const { state, config, log } = runtime;
  if (!config.DISCORD_GATEWAY_ELECTION || state.kind !== 'postgres') {
    runtime.metrics.gatewayHeld(() => true);
    return undefined;
  }
  // Sharded: one lock per shard id this replica opens, all or none, so each shard is open on one replica at most.
  const lease = state.lease({
    ...gatewayLock(config.discord.shards),
    retryMs: config.DISCORD_GATEWAY_RETRY_MS,
    onError: (err) => log.warn({ err }, 'Discord gateway lock: connection problem'),
  });
  runtime.metrics.gatewayHeld(() => lease.held);
  return lease;
}

/** Starts the configured platforms, or the console when none is configured. Resolves when the bot should exit. */
export async function startApp(runtime: Runtime, options: StartOptions = {}): Promise<void> {
  const { config, log } = runtime;
  // A database that cannot be opened stops start-up with its key and the reason, before any work is done.
  await openState(runtime);
  getReady(runtime);
  followOtherReplicas(runtime);
  const adapters: Adapter[] = [];
  const context: AdapterContext<Config> = {
    bot: runtime.bot,
    log,
    library: runtime.library,
    config,
    state: runtime.state,
  };
  // Platform SDKs load only when their platform is configured, so the console starts fast and light.
  if (config.discord.enabled) {
    const gateway = gatewayLease(runtime);
    const discord = await import('./adapters/discord/index.js');
    adapters.push(await discord.createDiscordAdapter(context, gateway ? { gateway } : {}));
  }
  if (config.slack.enabled)
    adapters.push(await (await import('./adapters/slack/index.js')).createSlackAdapter(context));
  // Discord's HTTP interactions endpoint answers commands but posts no digests, so it is not a delivery outlet.
  const endpoints: Endpoint[] = [];
  if (config.discord.interactions)
    endpoints.push(await (await import('./adapters/discord/http-interactions.js')).createInteractionsEndpoint(context));
  const useConsole = options.console || (adapters.length === 0 && endpoints.length === 0);
  const consoleAdapter = useConsole ? new ConsoleAdapter(context, options.consoleOptions) : null;
  if (consoleAdapter) adapters.push(consoleAdapter);

  for (const adapter of adapters) await adapter.start();
  for (const endpoint of endpoints) await endpoint.start();
  const ops =
    config.OPS_PORT === undefined
      ? null
      : await startOpsServer({
          port: config.OPS_PORT,
          host: config.OPS_HOST,
          metrics: runtime.metrics,
          // It listens only once the library is loaded and the adapters started; from then on readiness is the state.
          checks: [{ name: 'state', check: () => runtime.state.ping() }],
        });
  if (ops)
    log.info(
      { port: ops.port },
      `health and metrics on http://${config.OPS_HOST}:${ops.port} (/healthz /readyz /metrics)`,
    );
  const watcher =
    config.WATCH_SEEDS && runtime.seedsFound !== false
      ? new SeedWatcher({
          dir: runtime.seedsDir,
          library: runtime.library,
          read: { maxBytes: config.MAX_SEED_BYTES },
          log,
          derive: runtime.derive,
        })
      : null;
  watcher?.start();
  const stop = async () => {
    // Digests first, while the adapters can still finish a post in flight; the ops port closes before state does.
    watcher?.stop();
    for (const endpoint of endpoints)
      await endpoint.stop().catch((err: unknown) => log.error({ err }, 'endpoint stop failed'));
    await ops?.close();
    await runtime.digests?.stop().catch((err: unknown) => log.error({ err }, 'digest shutdown failed'));
    await runtime.feeds?.stop().catch((err: unknown) => log.error({ err }, 'feed shutdown failed'));
    await runtime.state.close().catch((err: unknown) => log.error({ err }, 'closing the state backend failed'));
    for (const adapter of adapters)
      await adapter.stop().catch((err: unknown) => log.error({ err, platform: adapter.platform }, 'stop failed'));
  };
  // Signals are heard before digests start, on the console too: a catch-up post sent at start-up is then finished
  // or given back on SIGTERM, instead of the process dying with the slot claimed and never posted.
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  const finished = new Promise<void>((resolve) => {
    onSignal = (signal) => {
      log.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // With only the console running, the end of its input is the end of the bot.
    if (consoleAdapter && adapters.length === 1) void consoleAdapter.finished().then(resolve);
  });
  await runtime.digests?.start(adapters);
  // A replica that can post nowhere (only the HTTP interactions endpoint) leaves feed checks to one that can, so a
  // post:each item is never found, marked seen and left unposted by a replica without the platform's token.
  if (adapters.length > 0) runtime.feeds?.start(deliverThrough(adapters));
  else
    log.info(
      {},
      'feeds are not checked here: no platform to post to (DISCORD_TOKEN or Slack tokens); another replica checks them',
    );
  await finished;
  process.off('SIGINT', onSignal!);
  process.off('SIGTERM', onSignal!);
  await stop();
}
