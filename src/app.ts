// Wires the bot together from config: the stories, the briefing cache and the question index built over them, the
// command registry and its services, and whichever adapters are configured. Every service is built here and passed in.
import { commands } from '../commands/index.js';
import type { Services } from '../commands/services.js';
import type { Adapter, AdapterContext, Endpoint } from './adapters/adapter.js';
import { ConsoleAdapter, type ConsoleOptions } from './adapters/console/console.js';
import type { Config } from './config.js';
import { createBot, type Bot } from './core/bot.js';
import { Library } from './library/library.js';
import { loadFolder, SEED_EXTENSIONS } from './library/load.js';
import { SeedWatcher } from './library/watch.js';
import { DigestRuntime } from './digest/service.js';
import { openStateBackend, type StateBackend } from './state/backend.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/health-server.js';
import { deliverThrough } from './digest/deliver.js';
import { FeedRuntime, type FeedRuntimeOptions } from './feeds/service.js';
import { BriefingCache } from './cache/briefing-cache.js';
import { deriveBriefing } from './briefing/derive.js';
import type { Briefing, DocumentInput } from './briefing/types.js';
import type { Logger } from './log.js';
import { INDEX_BLOCK, type IndexSnapshot, type IndexStore } from './questions/index-snapshot.js';
import { STORY_TERMS_STORED, type StoryTerms } from './questions/index-terms.js';
import { readyToAnswer } from './questions/prime.js';
import { buildIndex, type QuestionIndex } from './questions/search-index.js';
import { StoryBook } from './stories/story-book.js';

export interface Runtime {
  bot: Bot<Services>;
  library: Library;
  log: Logger;
  config: Config;
  seedsDir: string;
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

/** The briefing cache, keeping beside each briefing the question index's terms of it, and the index's snapshots. */
export type QuestionCache = BriefingCache<StoryTerms, IndexSnapshot>;

export function openQuestionCache(path: string, version?: string): QuestionCache {
  return new BriefingCache(path, version, { beside: STORY_TERMS_STORED, blocks: INDEX_BLOCK });
}

/** The cache as the question index's store: the hashes and terms of the briefings it derived, and saved indexes. */
export function indexStore(cache: QuestionCache): IndexStore {
  return {
    hashOf: (briefing) => cache.hashOf(briefing),
    storyTerms: (briefing) => cache.stored(briefing),
    loadIndex: (key) => cache.loadBlock(key),
    saveIndex: (key, snapshot) => cache.saveBlock(key, snapshot),
  };
}

/** The question index of `library`, built on first call (a one-shot CLI command that asks nothing never pays for it). */
export function lazyIndex(library: Library, store?: IndexStore): () => QuestionIndex {
  let index: QuestionIndex | undefined;
  return () => (index ??= buildIndex(library, store));
}

/** The story book of `library`, built on first call (grouping every article costs a derive-sized pass). */
export function lazyStories(library: Library): () => StoryBook {
  let book: StoryBook | undefined;
  return () => (book ??= new StoryBook(library));
}

/** Loads the seeds folder into a Library, logging one line per skipped file. */
export async function loadLibrary(seedsDir: string, config: Config, log: Logger, derive = deriveBriefing): Promise<Library> {
  const { stories, skipped, charsets, ignored, unread } = await loadFolder(seedsDir, { maxBytes: config.MAX_SEED_BYTES }, derive);
  for (const c of charsets) log.info({ file: c.file, charset: c.charset }, `read ${c.file} as ${c.charset}, not UTF-8`);
  for (const s of skipped) log.warn({ file: s.file, reason: s.reason }, `skipped ${s.file}: ${s.reason}`);
  for (const u of unread) log.warn({ file: u.file, keys: u.keys }, `${u.file}: could not use front matter ${u.keys.join(', ')}`);
  if (ignored.length) {
    const names = ignored.length > 10 ? `${ignored.slice(0, 10).join(', ')} and ${ignored.length - 10} more` : ignored.join(', ');
    log.info({ files: ignored.slice(0, 100), count: ignored.length }, `ignored ${names}: only ${[...SEED_EXTENSIONS].join(', ')} files are read`);
  }
  log.info({ stories: stories.length, skipped: skipped.length, dir: seedsDir }, `loaded ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} from ${seedsDir}`);
  return new Library(stories);
}

export async function createRuntime(config: Config, log: Logger, seedsDir = config.SEEDS_DIR, feedOptions: FeedRuntimeOptions = {}): Promise<Runtime> {
  const cache = openCache(config, log);
  const derive = cache?.derive ?? deriveBriefing;
  const library = await loadLibrary(seedsDir, config, log, derive);
  // State (SQLite file, or Postgres when DATABASE_URL is set) is opened here and handed to the features that keep it.
  const state = openStateBackend(config);
  const feeds = new FeedRuntime(config, library, log, derive, { state, ...feedOptions });
  // Articles fetched before a restart join the library before anything reads it.
  await feeds.load().catch((err: unknown) => log.error({ err }, 'stored articles could not be loaded'));
  const questions = lazyIndex(library, cache ? indexStore(cache) : undefined);
  const stories = lazyStories(library);
  const metrics = createMetrics();
  const digests = new DigestRuntime(config, library, log, Date.now, state, metrics, stories);
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
  };
  const bot = createBot(services, log);
  // A new article in a post:each channel is posted as its /brief reply.
  const poster = { platform: 'console' as const, userId: 'feeds', channelId: 'console:feeds', isAdmin: false };
  feeds.render = (briefing) => bot.run('brief', { story: briefing.id }, poster);
  return { bot, library, log, config, seedsDir, derive, digests, feeds, questions, stories, state, metrics };
}

/** The cache only saves time: if it cannot be opened the bot derives everything and says so once. */
function openCache(config: Config, log: Logger): QuestionCache | null {
  if (config.BRIEFING_CACHE === 'off') return null;
  try {
    return openQuestionCache(config.BRIEFING_CACHE);
  } catch (err) {
    log.warn({ err, path: config.BRIEFING_CACHE }, `briefing cache ${config.BRIEFING_CACHE} could not be opened; deriving without it`);
    return null;
  }
}

export interface StartOptions {
  /** Force the console even when platform tokens are set. */
  console?: boolean;
  consoleOptions?: ConsoleOptions;
}

/** Starts the configured platforms, or the console when none is configured. Resolves when the bot should exit. */
export async function startApp(runtime: Runtime, options: StartOptions = {}): Promise<void> {
  const { config, log } = runtime;
  // The question index is built once at start-up (not per question) and then follows the library's changes;
  // every answer shape is primed, so the first question after a restart is as quick as the rest.
  readyToAnswer(runtime.questions(), runtime.library);
  // Grouping every article into stories is a pass over the library: done here, not in the first command.
  runtime.stories().list();
  const adapters: Adapter[] = [];
  const context: AdapterContext<Config> = { bot: runtime.bot, log, library: runtime.library, config };
  // Platform SDKs load only when their platform is configured, so the console starts fast and light.
  if (config.discord.enabled) adapters.push(await (await import('./adapters/discord/index.js')).createDiscordAdapter(context));
  if (config.slack.enabled) adapters.push(await (await import('./adapters/slack/index.js')).createSlackAdapter(context));
  // Discord's HTTP interactions endpoint answers commands but posts no digests, so it is not a delivery outlet.
  const endpoints: Endpoint[] = [];
  if (config.discord.interactions) endpoints.push(await (await import('./adapters/discord/http-interactions.js')).createInteractionsEndpoint(context));
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
  if (ops) log.info({ port: ops.port }, `health and metrics on http://${config.OPS_HOST}:${ops.port} (/healthz /readyz /metrics)`);
  const watcher = config.WATCH_SEEDS
    ? new SeedWatcher({ dir: runtime.seedsDir, library: runtime.library, read: { maxBytes: config.MAX_SEED_BYTES }, log, derive: runtime.derive })
    : null;
  watcher?.start();
  const stop = async () => {
    // Digests first, while the adapters can still finish a post in flight; the ops port closes before state does.
    watcher?.stop();
    for (const endpoint of endpoints) await endpoint.stop().catch((err: unknown) => log.error({ err }, 'endpoint stop failed'));
    await ops?.close();
    await runtime.digests?.stop().catch((err: unknown) => log.error({ err }, 'digest shutdown failed'));
    await runtime.feeds?.stop().catch((err: unknown) => log.error({ err }, 'feed shutdown failed'));
    await runtime.state.close().catch((err: unknown) => log.error({ err }, 'closing the state backend failed'));
    for (const adapter of adapters) await adapter.stop().catch((err: unknown) => log.error({ err, platform: adapter.platform }, 'stop failed'));
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
  else log.info({}, 'feeds are not checked here: no platform to post to (DISCORD_TOKEN or Slack tokens); another replica checks them');
  await finished;
  process.off('SIGINT', onSignal!);
  process.off('SIGTERM', onSignal!);
  await stop();
}
