// Wires the bot together from config: the stories, the briefing cache and the question index built over them, the
// command registry and its services, and whichever adapters are configured. Every service is built here and passed in.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import type { Services } from '../commands/services.js';
import type { Adapter, AdapterContext, Endpoint } from './adapters/adapter.js';
import { ConsoleAdapter, type ConsoleOptions } from './adapters/console/console.js';
import { ConfigError, type Config } from './config.js';
import { createBot, type Bot } from './core/bot.js';
import { Library } from './library/library.js';
import { loadFolder, READER_SOURCES, SEED_EXTENSIONS, type KnownFiles } from './library/load.js';
import { SeedWatcher } from './library/watch.js';
import { DigestRuntime } from './digest/service.js';
import { openStateBackend, type StateBackend } from './state/backend.js';
import { gatewayLock, type Lease } from './state/lease.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/health-server.js';
import { deliverThrough } from './digest/deliver.js';
import { FeedRuntime, type FeedRuntimeOptions } from './feeds/service.js';
import { BriefingCache } from './cache/briefing-cache.js';
import { deriveBriefing } from './briefing/derive.js';
import type { Briefing, DocumentInput } from './briefing/types.js';
import { scrub, type Logger } from './log.js';
import { INDEX_BLOCK, type IndexSnapshot, type IndexStore } from './questions/index-snapshot.js';
import { STORY_TERMS_STORED, type StoryTerms } from './questions/index-terms.js';
import { readyToAnswer, warmTagger } from './questions/warm-up.js';
import { buildIndex, type QuestionIndex } from './questions/search-index.js';
import { StoryBook } from './stories/story-book.js';
import { STORY_GROUPS_CODEC, type StoryGroupStore } from './stories/story-groups.js';
import { createModelWriter } from './llm/setup.js';

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

/** The briefing cache, keeping beside each briefing the question index's terms of it, and the index's snapshots. */
export type QuestionCache = BriefingCache<StoryTerms, IndexSnapshot>;

export function openQuestionCache(path: string, version?: string): QuestionCache {
  return new BriefingCache(path, version, { beside: STORY_TERMS_STORED, blocks: INDEX_BLOCK, files: READER_SOURCES });
}

/** The cache as the seeds folder's record of files read before (by path, size and mtime). */
export function knownFiles(cache: QuestionCache): KnownFiles {
  return {
    known: (file, size, mtimeMs, source) => cache.knownFile(file, size, mtimeMs, source),
    remember: (file, size, mtimeMs, read) => cache.rememberFile(file, size, mtimeMs, read),
  };
}

/** The cache as the question index's store: the hashes and terms of the briefings it derived, and saved indexes. */
export function indexStore(cache: QuestionCache): IndexStore {
  return {
    hashOf: (briefing) => cache.hashOf(briefing),
    storyTerms: (briefing) => cache.stored(briefing),
    entityCounts: (briefing) => cache.entityCounts(briefing),
    loadIndex: (key) => cache.loadBlock(key),
    saveIndex: (key, snapshot) => cache.saveBlock(key, snapshot),
  };
}

/** The question index of `library`, built on first call (a one-shot CLI command that asks nothing never pays for it). */
export function lazyIndex(library: Library, store?: IndexStore): () => QuestionIndex {
  let index: QuestionIndex | undefined;
  return () => (index ??= buildIndex(library, store));
}

/** The cache as the story book's store: the hashes of the briefings it derived, and saved story groups. */
export function storyGroupStore(cache: QuestionCache): StoryGroupStore {
  const blocks = cache.storyBlocks(STORY_GROUPS_CODEC);
  return {
    hashOf: (briefing) => cache.hashOf(briefing),
    load: (key) => blocks.load(key),
    save: (key, groups) => blocks.save(key, groups),
  };
}

/** The story book of `library`, built on first call (grouping every article costs a derive-sized pass, unless saved). */
export function lazyStories(library: Library, store?: StoryGroupStore): () => StoryBook {
  let book: StoryBook | undefined;
  return () => (book ??= new StoryBook(library, store ? { store } : {}));
}

/** Loads the seeds folder into a Library, logging one line per skipped file. */
export async function loadLibrary(
  seedsDir: string,
  config: Config,
  log: Logger,
  derive = deriveBriefing,
  files?: KnownFiles,
): Promise<Library> {
  const { stories, skipped, charsets, ignored, unread } = await loadFolder(
    seedsDir,
    { maxBytes: config.MAX_SEED_BYTES },
    derive,
    files,
  );
  for (const c of charsets) log.info({ file: c.file, charset: c.charset }, `read ${c.file} as ${c.charset}, not UTF-8`);
  for (const s of skipped) log.warn({ file: s.file, reason: s.reason }, `skipped ${s.file}: ${s.reason}`);
  for (const u of unread)
    log.warn({ file: u.file, keys: u.keys }, `${u.file}: could not use front matter ${u.keys.join(', ')}`);
  if (ignored.length) {
    const names =
      ignored.length > 10 ? `${ignored.slice(0, 10).join(', ')} and ${ignored.length - 10} more` : ignored.join(', ');
    log.info(
      { files: ignored.slice(0, 100), count: ignored.length },
      `ignored ${names}: only ${[...SEED_EXTENSIONS].join(', ')} files are read`,
    );
  }
  log.info(
    { stories: stories.length, skipped: skipped.length, dir: seedsDir },
    `loaded ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} from ${seedsDir}`,
  );
  return new Library(stories);
}

/**
 * A seeds folder that is not there: an error when it was named (SEEDS_DIR or --seeds), since the bot would run
 * with nothing to brief; one warning when it is the default, so a first run without seeds still starts.
 * Returns whether the folder exists.
 */
export function checkSeedsFolder(seedsDir: string, named: boolean, flag: boolean, log: Logger): boolean {
  let kind: 'missing' | 'file' | 'ok';
  try {
    kind = statSync(seedsDir).isDirectory() ? 'ok' : 'file';
  } catch {
    kind = 'missing';
  }
  if (kind === 'ok') return true;
  const what = kind === 'file' ? 'is a file, not a folder' : 'does not exist';
  if (named)
    throw new ConfigError(
      flag ? '--seeds' : 'SEEDS_DIR',
      `names ${seedsDir}, which ${what}; create it and put .txt, .md or .html articles in it, or name another folder`,
    );
  log.warn(
    { dir: seedsDir },
    `no seeds folder at ${seedsDir} (the default), so there are no stories yet; create it or set SEEDS_DIR (or --seeds DIR)`,
  );
  return false;
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

/** The cache only saves time: if it cannot be opened the bot derives everything and says so once. */
function openCache(config: Config, log: Logger): QuestionCache | null {
  if (config.BRIEFING_CACHE === 'off') return null;
  try {
    return openQuestionCache(config.BRIEFING_CACHE);
  } catch (err) {
    log.warn(
      { err, path: config.BRIEFING_CACHE },
      `briefing cache ${config.BRIEFING_CACHE} could not be opened; deriving without it`,
    );
    return null;
  }
}

/**
 * Opens and migrates the state backend, so a DATABASE_PATH that cannot be used (or a Postgres that cannot be
 * reached) stops the bot with the key and the reason, instead of a "Something went wrong" on the first
 * /digest subscribe. With `create: false` (a one-shot command) a SQLite file that is not there yet is not made:
 * only its folder is checked.
 */
export async function openState(
  runtime: Pick<Runtime, 'state' | 'config'>,
  options: { create?: boolean } = {},
): Promise<void> {
  const { state, config } = runtime;
  const create = options.create ?? true;
  if (state.kind === 'sqlite') {
    const problem = sqlitePathProblem(state.path);
    if (problem) throw new ConfigError('DATABASE_PATH', `(${state.path}) cannot be used: ${problem}`);
    if (!create && !state.exists()) return;
  } else if (!create) {
    return;
  }
  try {
    if (state.kind === 'sqlite') state.db();
    else await state.pool();
  } catch (error) {
    const reason = scrub(
      (error as Error).message.replace(/^Could not open the (Postgres )?database( \S+)?: /, '').replace(/\.$/, ''),
      config.secrets,
    );
    if (state.kind === 'sqlite')
      throw new ConfigError(
        'DATABASE_PATH',
        `(${state.path}) could not be opened: ${reason}. Point it at a file in a folder the bot can write`,
      );
    // Postgres may only be starting: not a configuration mistake for certain, so exit 1, not 2.
    throw new Error(`DATABASE_URL: could not connect to Postgres and migrate it: ${reason}`, { cause: error });
  }
}

/** What is wrong with a SQLite path before opening it: a folder where the file should be, or a file where a folder should be. */
function sqlitePathProblem(path: string): string | null {
  if (path === ':memory:') return null;
  const full = resolve(path);
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'file';
    } catch {
      return null;
    }
  };
  if (kind(full) === 'folder') return `it is a folder; name a file in it, e.g. ${join(path, 'briefbot.db')}`;
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    const found = kind(dir);
    if (found === 'file') return `${dir} is a file, not a folder`;
    if (found === 'folder' || dirname(dir) === dir) return null;
  }
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
