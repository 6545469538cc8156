// Story clustering cost per article and memory, on synthetic articles: each of many events gets a few
// articles sharing its names, place and terms, drawn from a large vocabulary with news-like skew.
import { StoryClusterer } from '../src/stories/cluster.js';
import type { ArticleFeatures } from '../src/stories/features.js';
import { defaultModel } from '../src/stories/model.js';

function syntheticArticles(n: number): ArticleFeatures[] {
  let seed = 42;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const zipf = (max: number) => Math.floor(max ** rand()); // skewed: low ids common
  const out: ArticleFeatures[] = [];
  const day = 86_400_000;
  for (let i = 0; out.length < n; i++) {
    const eventTerms = Array.from({ length: 30 }, () => `w${zipf(200_000)}`);
    const names = [`person ${i}`, `~${i}`, `org${Math.floor(i / 3)}`];
    const place = `place${zipf(5000)}`;
    const t0 = i * 600_000;
    for (let k = 0; k < 1 + (i % 4) && out.length < n; k++) {
      const terms = new Map<string, number>();
      for (const t of eventTerms) if (rand() < 0.7) terms.set(t, 1 + zipf(4));
      for (let j = 0; j < 150; j++) terms.set(`w${zipf(200_000)}`, 1);
      // A headline and lead of about 25 terms: some of the event's, some of the article's own.
      const lead = new Map<string, number>();
      for (const t of [...terms.keys()].slice(0, 25)) lead.set(t, 1);
      out.push({
        terms,
        names: new Map(names.map((nm) => [nm, 1 + rand()])),
        places: new Map([[place, 1]]),
        lead,
        person: `~${i}`,
        days: [],
        year: 2026,
        published: t0 + k * day * rand(),
      });
    }
  }
  return out;
}

export function benchStories(
  sizes: number[],
): Array<{ articles: number; msPerArticle: number; rssMB: number; stories: number }> {
  return sizes.map((n) => {
    const articles = syntheticArticles(n);
    const clusterer = new StoryClusterer({ model: defaultModel() });
    const t0 = performance.now();
    for (const a of articles) clusterer.add(a);
    const ms = performance.now() - t0;
    // Resident memory of the whole process, synthetic articles included (no gc hook under tsx).
    const rssMB = Math.round(process.memoryUsage().rss / 1e6);
    return { articles: n, msPerArticle: Math.round((1000 * ms) / n) / 1000, rssMB, stories: clusterer.stories.length };
  });
}
