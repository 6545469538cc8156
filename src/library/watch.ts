// Keeps the Library in step with the seeds folder while the bot runs. fs.watch events are hints, not facts
// (they coalesce, drop, and name the wrong file), so every burst of them leads to one debounced rescan of the
// whole folder, which compares each file's size and mtime with what was loaded. Tests call rescan() directly.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { deriveBriefing } from '../briefing/derive.js';
import type { Library } from './library.js';
import { displayPath, listDocuments, loadDocument, type ReadOptions } from './load.js';

export interface WatchOptions {
  dir: string;
  library: Library;
  read: ReadOptions;
  log: Logger;
  debounceMs?: number;
  derive?: typeof deriveBriefing;
}

export interface RescanReport {
  added: string[];
  changed: string[];
  removed: string[];
  skipped: Array<{ file: string; reason: string }>;
}

export class SeedWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RescanReport> | null = null;
  private again = false;
  /** source → "size:mtime" of what the library holds (or of the file last skipped). */
  private readonly seen = new Map<string, string>();
  private readonly listeners = new Set<(report: RescanReport) => void>();

  constructor(private readonly opts: WatchOptions) {}

  start(): void {
    try {
      this.watcher = watch(this.opts.dir, { persistent: false }, () => this.schedule());
      this.watcher.on('error', (error) => {
        this.opts.log.warn(
          { dir: this.opts.dir, err: error },
          `stopped watching ${this.opts.dir}; restart to pick up new seed files`,
        );
        this.watcher?.close();
        this.watcher = null;
      });
      this.opts.log.debug({ dir: this.opts.dir }, 'watching the seeds folder');
    } catch (error) {
      this.opts.log.warn(
        { dir: this.opts.dir, err: error },
        `cannot watch ${this.opts.dir}: new seed files need a restart`,
      );
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  /** Called after every rescan, e.g. to log or (in tests) to await the watcher noticing a file. */
  onRescan(listener: (report: RescanReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rescan();
    }, this.opts.debounceMs ?? 250);
    this.timer.unref();
  }

  /** Brings the library in line with the folder. Concurrent calls share one scan, plus one more after it. */
  rescan(): Promise<RescanReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.scan().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.rescan();
      }
    });
    return this.running;
  }

  private async scan(): Promise<RescanReport> {
    const { dir, library, log } = this.opts;
    const report: RescanReport = { added: [], changed: [], removed: [], skipped: [] };
    let files: string[];
    try {
      files = await listDocuments(dir);
    } catch (error) {
      // A folder that vanished (or is being replaced) keeps the stories we have until it comes back.
      log.warn(
        { dir, code: (error as NodeJS.ErrnoException).code },
        `cannot list ${dir}; keeping the stories already loaded`,
      );
      return report;
    }
    const root = resolve(dir);
    const present = new Set<string>();
    for (const file of files) {
      const source = displayPath(file);
      present.add(source);
      let signature: string;
      try {
        const info = await stat(file);
        signature = `${info.size}:${info.mtimeMs}`;
      } catch {
        continue; // gone between listing and stat: the next scan removes it
      }
      const loaded = library.bySourcePath(source);
      if (!this.seen.has(source) && loaded && loaded.addedAt === Number(signature.split(':')[1]))
        this.seen.set(source, signature);
      if (this.seen.get(source) === signature) continue;
      this.seen.set(source, signature);
      const story = await loadDocument(file, dir, this.opts.read, this.opts.derive);
      if ('reason' in story) {
        report.skipped.push(story);
        log.warn({ file: story.file, reason: story.reason }, `skipped ${story.file}: ${story.reason}`);
        if (library.remove(source)) report.removed.push(source);
        continue;
      }
      // A touched file with the same text keeps its place and is not news again.
      if (loaded?.briefing.hash === story.briefing.hash) continue;
      library.upsert(story);
      (loaded ? report.changed : report.added).push(source);
      log.info({ file: source, id: story.briefing.id }, `${loaded ? 'updated' : 'added'} ${source}`);
    }
    for (const story of library.stories()) {
      const source = story.briefing.source;
      if (present.has(source) || dirname(resolve(source)) !== root) continue;
      library.remove(source);
      this.seen.delete(source);
      report.removed.push(source);
      log.info({ file: source }, `removed ${source}`);
    }
    for (const source of [...this.seen.keys()]) if (!present.has(source)) this.seen.delete(source);
    for (const listener of this.listeners) listener(report);
    return report;
  }
}
