// Online story clustering: each new article joins the story the "same story?" model rates best, when that
// is likely enough, or starts a new one. Candidates come from an inverted index of story features (strong
// terms, names, places), never from all stories. Deterministic for a given order of arrival.
import { DenseDocFreq, DocFreq } from './doc-freq.js';
import type { ArticleFeatures } from './features.js';
import { probability, type SameStoryModel } from './model.js';
import { PAIR_FEATURES, pairFeatures, termNorm2, type Idf } from './pair-features.js';
import { joinStory, leadVector, newStory, termVector, type StoryState, type TermVector } from './story-state.js';

export interface ClusterOptions {
  model: SameStoryModel;
  /** Join when the best story's probability reaches this. */
  threshold?: number;
  /** How many of an article's strongest terms go into the index and into the candidate query. */
  indexTerms?: number;
  /** Stories scored per article, at most. */
  maxCandidates?: number;
  /** Terms each story's centroid keeps. */
  maxTerms?: number;
  /** Posting lists longer than this are skipped when looking up (words every story has). */
  maxPosting?: number;
  /**
   * Never join a story when both name people, organisations or places and share none of them: two events of
   * one kind (two earthquakes, two rehab check-ins) that words alone cannot tell apart. On by default.
   */
  vetoDisjoint?: boolean;
}

const DISJOINT = PAIR_FEATURES.indexOf('disjoint');

type Plain<T> = {
  [K in keyof T]: T[K] extends Int32Array | Float32Array
    ? number[]
    : T[K] extends Map<infer A, infer B>
      ? Array<[A, B]>
      : T[K] extends Set<infer A>
        ? A[]
        : T[K];
};

export interface ClustererSnapshot {
  stories: Array<Plain<StoryState>>;
  terms: { docs: number; df: number[] };
  names: { docs: number; df: Array<[string, number]> };
  places: { docs: number; df: Array<[string, number]> };
  vocabulary: string[];
  postings: Array<[string, number[]]>;
  indexedTerms: number[][];
}

export interface Candidate {
  story: StoryState;
  features: number[];
}

export interface Placement {
  /** Index of the story the article went to. */
  story: number;
  created: boolean;
  /** The model's probability for the story joined (0 when a new one was started). */
  probability: number;
}

export class StoryClusterer {
  stories: StoryState[] = [];
  private idf: { terms: DenseDocFreq; names: DocFreq; places: DocFreq } = {
    terms: new DenseDocFreq(),
    names: new DocFreq(),
    places: new DocFreq(),
  };
  private vocabulary = new Map<string, number>();
  private postings = new Map<string, number[]>();
  /** The term keys each story is already indexed under. */
  private indexedTerms: Array<Set<number>> = [];
  private readonly threshold: number;
  private readonly indexTerms: number;
  private readonly maxCandidates: number;
  private readonly maxTerms: number;
  private readonly maxPosting: number;
  private lastStrong: { vector: TermVector; docs: number; terms: Array<[number, number]> } | null = null;

  constructor(private readonly options: ClusterOptions) {
    this.threshold = options.threshold ?? options.model.threshold ?? 0.5;
    this.indexTerms = options.indexTerms ?? 12;
    this.maxCandidates = options.maxCandidates ?? 24;
    this.maxTerms = options.maxTerms ?? 120;
    this.maxPosting = options.maxPosting ?? 5000;
  }

  /** Everything the clusterer has learned, as plain data: a saved story book restores it instead of replaying. */
  snapshot(): ClustererSnapshot {
    return {
      stories: this.stories.map((st) => ({
        ...st,
        termIds: Array.from(st.termIds),
        termWeights: Array.from(st.termWeights),
        names: [...st.names],
        places: [...st.places],
        lead: [...st.lead],
        days: [...st.days],
        years: [...st.years],
      })),
      terms: this.idf.terms.snapshot(),
      names: this.idf.names.snapshot(),
      places: this.idf.places.snapshot(),
      vocabulary: [...this.vocabulary.keys()],
      postings: [...this.postings],
      indexedTerms: this.indexedTerms.map((set) => [...set]),
    };
  }

  static restore(options: ClusterOptions, snap: ClustererSnapshot): StoryClusterer {
    const out = new StoryClusterer(options);
    out.stories = snap.stories.map((st) => ({
      ...st,
      termIds: Int32Array.from(st.termIds),
      termWeights: Float32Array.from(st.termWeights),
      names: new Map(st.names),
      places: new Map(st.places),
      lead: new Map(st.lead),
      days: new Set(st.days),
      years: new Map(st.years),
    }));
    out.idf = {
      terms: DenseDocFreq.restore(snap.terms),
      names: DocFreq.restore(snap.names),
      places: DocFreq.restore(snap.places),
    };
    out.vocabulary = new Map(snap.vocabulary.map((term, id) => [term, id]));
    out.postings = new Map(snap.postings);
    out.indexedTerms = snap.indexedTerms.map((ids) => new Set(ids));
    return out;
  }

  /** Places the article: counts it into the document frequencies, then joins or starts a story. */
  add(article: ArticleFeatures): Placement {
    const vector = this.observe(article);
    let best: Candidate | null = null;
    let bestP = -1;
    for (const c of this.candidates(article, vector)) {
      if (this.options.vetoDisjoint !== false && c.features[DISJOINT] === 1) continue;
      const p = probability(this.options.model, c.features);
      if (p > bestP) [best, bestP] = [c, p];
    }
    if (best && bestP >= this.threshold) {
      this.join(best.story.index, article, vector);
      return { story: best.story.index, created: false, probability: bestP };
    }
    return { story: this.create(article, vector), created: true, probability: 0 };
  }

  // The steps of `add`, public so training can replay the gold stories through the same code.

  observe(article: ArticleFeatures): TermVector {
    const vector = termVector(article.terms, this.vocabulary);
    this.idf.terms.add(vector.keys());
    this.idf.names.add(article.names.keys());
    this.idf.places.add(article.places.keys());
    return vector;
  }

  /** Stories that share strong features with the article, most shared first, with their pair features. */
  candidates(article: ArticleFeatures, vector: TermVector): Candidate[] {
    const scores = new Map<number, number>();
    const hit = (key: string, weight: number) => {
      const list = this.postings.get(key);
      if (!list || list.length > this.maxPosting) return;
      for (const s of list) scores.set(s, (scores.get(s) ?? 0) + weight);
    };
    for (const [id, w] of this.strongTerms(vector)) hit(`t${id}`, w);
    for (const k of article.names.keys()) hit(`n${k}`, this.idf.names.idf(k));
    for (const k of article.places.keys()) hit(`p${k}`, this.idf.places.idf(k));
    const norm2 = termNorm2(vector, this.idf.terms);
    const lead = leadVector(article.lead, this.vocabulary);
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.maxCandidates)
      .map(([s]) => ({
        story: this.stories[s]!,
        features: pairFeatures(article, vector, this.stories[s]!, this.idf, norm2, lead),
      }));
  }

  create(article: ArticleFeatures, vector: TermVector): number {
    const story = newStory(this.stories.length);
    this.stories.push(story);
    this.indexedTerms.push(new Set());
    this.join(story.index, article, vector);
    return story.index;
  }

  join(index: number, article: ArticleFeatures, vector: TermVector): void {
    const story = this.stories[index]!;
    const post = (key: string) => {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      list.push(index);
    };
    const indexed = this.indexedTerms[index]!;
    for (const [id] of this.strongTerms(vector)) {
      if (indexed.has(id)) continue;
      indexed.add(id);
      post(`t${id}`);
    }
    for (const k of article.names.keys()) if (!story.names.has(k)) post(`n${k}`);
    for (const k of article.places.keys()) if (!story.places.has(k)) post(`p${k}`);
    joinStory(story, article, vector, this.idf.terms, this.maxTerms, leadVector(article.lead, this.vocabulary));
  }

  /** The article's strongest terms by weight × idf, with that score. */
  private strongTerms(vector: TermVector): Array<[number, number]> {
    // Asked twice per arrival (candidates, then join) with nothing counted in between: reuse the first answer.
    if (this.lastStrong?.vector === vector && this.lastStrong.docs === this.idf.terms.docs)
      return this.lastStrong.terms;
    const terms = this.rankTerms(vector);
    this.lastStrong = { vector, docs: this.idf.terms.docs, terms };
    return terms;
  }

  private rankTerms(vector: TermVector): Array<[number, number]> {
    return [...vector]
      .map(([id, w]) => [id, w * this.idf.terms.idf(id)] as [number, number])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.indexTerms);
  }
}
