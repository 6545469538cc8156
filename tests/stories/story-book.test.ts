// The library's articles as stories, and the commands on them: /stories, /brief, article:, old ids, reprints,
// and `briefbot stories --json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Services } from '../../commands/services.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { createBot } from '../../src/core/bot.js';
import { consoleCaller } from '../../src/core/caller.js';
import type { Reply } from '../../src/core/reply.js';
import { Library, type Article } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { StoryBook } from '../../src/stories/story-book.js';
import { lazyIndex, lazyStories } from '../../src/app.js';
import { briefbot } from '../e2e/helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const day = (d: string) => Date.parse(`${d}T07:00:00Z`);
const article = (file: string, outlet: string, at: number, text = fixture(file)): Article => ({
  briefing: deriveBriefing({ text, source: file, outlet }),
  addedAt: at,
});

const ap = () => article('peru-quake-ap.txt', 'AP', day('2026-11-02'));
const reuters = () => article('peru-quake-reuters.txt', 'Reuters', day('2026-11-03'));
const aceh = () => article('aceh-quake.txt', 'BBC', day('2026-11-03') + 1000);
const bbc = () => article('peru-quake-bbc.txt', 'BBC', day('2026-11-04'));

function bot(library: Library) {
  const services: Services = {
    library,
    questions: lazyIndex(library),
    stories: lazyStories(library),
    commands,
    botName: 'briefbot',
    now: () => new Date('2026-11-05T00:00:00Z'),
  };
  return createBot(services, silentLogger);
}
const text = (reply: Reply) => JSON.stringify(reply.sections) + (reply.footer ?? '');

describe('StoryBook', () => {
  it('groups articles as they arrive, incrementally, the same as a replay of the library', () => {
    const library = new Library([ap()]);
    const book = new StoryBook(library);
    expect(book.list()).toHaveLength(1);
    library.upsert(reuters());
    library.upsert(aceh());
    library.upsert(bbc());
    const grouped = (b: StoryBook) => b.list().map((s) => s.articles.map((a) => a.briefing.source));
    expect(grouped(book)).toEqual([
      ['peru-quake-ap.txt', 'peru-quake-reuters.txt', 'peru-quake-bbc.txt'],
      ['aceh-quake.txt'],
    ]);
    // Built in one go from the same library: the same stories.
    expect(grouped(new StoryBook(library))).toEqual(grouped(book));
    // An edit replays the library: still the same stories, and the story keeps its first article's id.
    const id = book.list()[0]!.id;
    library.upsert({ ...reuters(), addedAt: day('2026-11-03') + 5 });
    expect(grouped(book)).toEqual(grouped(new StoryBook(library)));
    expect(book.list()[0]!.id).toBe(id);
  });

  it('makes a wire reprint in the library one article with two sources', () => {
    const reprint = article(
      'paper.txt',
      'Daily Paper',
      day('2026-11-02') + 60_000,
      `LIMA (AP) — ${fixture('peru-quake-ap.txt')}\nCopyright The Associated Press.`,
    );
    const book = new StoryBook(new Library([ap(), reprint]));
    const [story] = book.list();
    expect(book.list()).toHaveLength(1);
    expect(story!.articles).toHaveLength(1);
    expect(story!.articles[0]!.sources.map((s) => s.outlet)).toEqual(['AP', 'Daily Paper']);
  });

  it("opens the copy a query names, not the first outlet's, when a reprint is named by its own id", () => {
    const reprint = article(
      'paper.txt',
      'Daily Paper',
      day('2026-11-02') + 60_000,
      `LIMA (AP) — ${fixture('peru-quake-ap.txt')}\nCopyright The Associated Press.`,
    );
    const book = new StoryBook(new Library([ap(), reprint]));
    const found = book.resolve(reprint.briefing.id);
    expect(found.ok && found.briefing.source).toBe('paper.txt');
    expect(found.ok && found.article.sources).toHaveLength(2);
    const byStory = book.resolve(book.list()[0]!.id);
    expect(byStory.ok && byStory.briefing.source).toBe('peru-quake-ap.txt');
  });

  it('resolves a story id, an old article id, and article: by number or outlet', () => {
    const library = new Library([ap(), reuters(), bbc()]);
    const book = new StoryBook(library);
    const story = book.list()[0]!;
    const old = reuters().briefing.id;
    const byOld = book.resolve(old);
    expect(byOld.ok && byOld.story).toBe(story);
    expect(byOld.ok && byOld.article.id).toBe(old);
    const second = book.resolve(story.id, '2');
    expect(second.ok && second.article.id).toBe(old);
    const byOutlet = book.resolve(story.id, 'bbc');
    expect(byOutlet.ok && byOutlet.article.briefing.source).toBe('peru-quake-bbc.txt');
    expect(book.resolve(story.id, '9')).toMatchObject({
      ok: false,
      message: expect.stringContaining('no article "9"'),
    });
  });
});

describe('commands on stories', () => {
  const library = new Library([ap(), reuters(), aceh(), bbc()]);
  const b = bot(library);
  const peruId = ap().briefing.id;

  it('/stories lists one entry per story, newest activity first, with articles and outlets', async () => {
    const reply = await b.run('stories', {}, consoleCaller);
    expect(reply.title).toBe('Stories (2)');
    const fields = reply.sections[0]!.blocks[0]!;
    expect(fields.type === 'fields' && fields.items.map((f) => f.value)).toEqual([
      `id: ${peruId} · 3 articles · AP, Reuters, BBC`,
      `id: ${aceh().briefing.id} · 1 article · BBC`,
    ]);
  });

  it('/brief on a story: tldr of the most complete article, what is new, quotes once with their outlets', async () => {
    const reply = await b.run('brief', { story: peruId }, consoleCaller);
    const headings = reply.sections.map((s) => s.heading);
    expect(headings).toContain('New since the first report');
    const fresh = reply.sections.find((s) => s.heading === 'New since the first report')!.blocks[0]!;
    expect(
      fresh.type === 'bullets' && fresh.items.some((i) => i.startsWith('BBC: ') || i.startsWith('Reuters: ')),
    ).toBe(true);
    const quotes = reply.sections.find((s) => s.heading?.startsWith('Quotes'))!.blocks[0]!;
    expect(quotes.type).toBe('quotes');
    const items = quotes.type === 'quotes' ? quotes.items : [];
    // "We will not rest…" is in the AP and the Reuters article: one quote, carried by both.
    const rest = items.filter((q) => q.text.includes('We will not rest'));
    expect(rest).toHaveLength(1);
    expect(rest[0]!.via).toBe('AP, Reuters');
    const data = reply.data as { tldrFrom: string };
    const longest = [ap(), reuters(), bbc()].sort((x, y) => y.briefing.wordCount - x.briefing.wordCount)[0]!;
    expect(data.tldrFrom).toBe(longest.briefing.id);
    expect(reply.footer).toContain('3 articles · AP, Reuters, BBC');
    // AP: "killing at least 40 people"; BBC: "killed 52 people": both versions, with who gives each.
    const differ = reply.sections.find((s) => s.heading === 'Where outlets differ')!.blocks[0]!;
    expect(differ.type === 'bullets' && differ.items).toEqual(['at least 40 people (AP) · 52 people (BBC)']);
  });

  it('/summary article:2 gives that article, saying which of the story it is; an old id still works', async () => {
    const reply = await b.run('summary', { story: peruId, article: '2' }, consoleCaller);
    expect(reply.title).toBe(reuters().briefing.title);
    expect(reply.footer).toContain('Article 2 of 3 articles');
    const old = await b.run('quotes', { story: reuters().briefing.id }, consoleCaller);
    expect(old.title).toBe(`Quotes: ${reuters().briefing.title}`);
  });

  it('/ask cites the article a sentence came from, with its outlet and story', async () => {
    const reply = await b.run('ask', { question: 'Who declared a state of emergency in Ica?' }, consoleCaller);
    const sources = reply.sections.find((s) => s.heading === 'Sources')!.blocks[0]!;
    expect(sources.type === 'text' && sources.text).toBe(
      `${bbc().briefing.title} (BBC, article ${bbc().briefing.id} of story ${peruId})`,
    );
  });

  it('a single-file story reads as before (no article lines)', async () => {
    const plain = deriveBriefing({ text: fixture('aceh-quake.txt'), source: 'aceh-quake.txt' });
    const single = bot(new Library([{ briefing: plain, addedAt: 1 }]));
    const reply = await single.run('brief', {}, consoleCaller);
    expect(text(reply)).not.toContain('article');
    expect(reply.footer).toBe(`Source: aceh-quake.txt · story ${plain.id}`);
  });
});

describe('briefbot stories --json', () => {
  it('prints one JSON line per story with its articles', async () => {
    const result = await briefbot(['stories', '--seeds', FIXTURES, '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            title: string;
            articles: Array<{ source: string; url: string | null; outlet: string | null; published: string | null }>;
          },
      );
    expect(lines).toHaveLength(2);
    const peru = lines.find((l) => l.title.includes('Peru'))!;
    expect(peru.articles.map((a) => a.source.split('/').pop()).sort()).toEqual([
      'peru-quake-ap.txt',
      'peru-quake-bbc.txt',
      'peru-quake-reuters.txt',
    ]);
    expect(Object.keys(peru.articles[0]!).sort()).toEqual(['article', 'outlet', 'published', 'source', 'url']);
  });
});
