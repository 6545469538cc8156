// `briefbot extract PATH_OR_URL... --json` and `briefbot feed parse FILE_OR_URL --json`: the article and feed
// readers on their own, one JSON line per page or feed. URLs go through the one safe fetcher.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import { decodeLocal } from '../sources/charset.js';
import { extractArticle } from '../sources/extract.js';
import { parseFeedText } from '../sources/feeds.js';
import { createFetcher, type Fetcher } from '../sources/fetch.js';

export interface SourcesIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function read(target: string, fetcher: () => Fetcher): Promise<{ text: string; url?: string }> {
  if (isUrl(target)) {
    const res = await fetcher().fetch(target);
    return { text: res.text, url: res.url };
  }
  return { text: decodeLocal(await readFile(target)).text };
}

function lazyFetcher(config: Config): { get: () => Fetcher; close: () => Promise<void> } {
  let fetcher: Fetcher | undefined;
  return { get: () => (fetcher ??= createFetcher({ allow: config.FETCH_ALLOW })), close: async () => fetcher?.close() };
}

/** One line per page: {source, url, title, byline, siteName, published, text}; text has blank lines between paragraphs. */
export async function extractCommand(targets: string[], json: boolean, io: SourcesIO, config: Config): Promise<number> {
  if (targets.length === 0) throw new Error('Usage: briefbot extract PATH_OR_URL... --json');
  const fetcher = lazyFetcher(config);
  let failures = 0;
  try {
    for (const source of targets) {
      try {
        const page = await read(source, fetcher.get);
        const a = extractArticle(page.text, page.url ? { url: page.url } : {});
        const row = {
          source,
          url: a.url,
          title: a.title,
          byline: a.byline,
          siteName: a.siteName,
          published: a.published,
          text: a.text,
        };
        io.out(json ? `${JSON.stringify(row)}\n` : `${a.title ?? source}\n${a.published ?? ''}\n\n${a.text}\n\n`);
      } catch (error) {
        failures++;
        io.err(`briefbot extract: ${source}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await fetcher.close();
  }
  return failures ? 2 : 0;
}

/** One line per feed: {source, format, title, link, items: [{id, link, title, author, published, updated, summary}]}. */
export async function feedParseCommand(
  targets: string[],
  json: boolean,
  io: SourcesIO,
  config: Config,
): Promise<number> {
  if (targets.length === 0) throw new Error('Usage: briefbot feed parse FILE_OR_URL --json');
  const fetcher = lazyFetcher(config);
  let failures = 0;
  try {
    for (const source of targets) {
      try {
        const feed = parseFeedText((await read(source, fetcher.get)).text);
        const items = feed.items.map(({ contentHtml: _html, ...item }) => item);
        if (json)
          io.out(`${JSON.stringify({ source, format: feed.format, title: feed.title, link: feed.link, items })}\n`);
        else
          io.out(
            `${feed.title ?? source} (${feed.format}, ${items.length} items)\n${items.map((i) => `- ${i.title ?? i.link ?? i.id}${i.published ? ` (${i.published})` : ''}`).join('\n')}\n`,
          );
      } catch (error) {
        failures++;
        io.err(`briefbot feed parse: ${source}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await fetcher.close();
  }
  return failures ? 2 : 0;
}
