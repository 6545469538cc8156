// People, organisations and places, merged across aliases, with mention counts.
import { describeMention } from './entity-describe.js';
import { findMentions, lazyVocabulary, type Mention, type Vocabulary } from './entity-mentions.js';
import {
  finish,
  joinElsewhere,
  nameTokens,
  normKey,
  pickHome,
  shortFormHomes,
  unsupported,
  type Cluster,
  type Kind,
} from './entity-clusters.js';
import { LEXICON, type Lexicon } from './lexicon/lexicon.js';
import type { Entities, Entity, Sentence, SocialPost } from './types.js';

export interface EntityIndex {
  entities: Entities;
  /** Every name mention with the entity it was counted into (null when dropped). */
  mentions: Array<{ mention: Mention; entity: Entity | null; kind: Kind | null }>;
  /** Every descriptor the article gives each person, titles included, not only the three kept for display. */
  descriptors: Map<Entity, string[]>;
  /**
   * People that nothing marks as people (see `unsupported`): the quote stage may still name them as speakers, but
   * the who's who lists them as organisations unless they speak (`whosWho`).
   */
  doubtful: ReadonlySet<Entity>;
}

/**
 * The entities a briefing shows: the index's, with each doubtful "person" that is no speaker of `speakers` moved to
 * the organisations ("Goldman Sachs", "Judicial Watch"), keeping the order by mentions.
 */
export function whosWho(index: EntityIndex, speakers: ReadonlySet<string | null> = new Set()): Entities {
  if (!index.doubtful.size) return index.entities;
  const moved = index.entities.people.filter((e) => index.doubtful.has(e) && !speakers.has(e.name));
  if (!moved.length) return index.entities;
  const out = new Set(moved);
  // A doubtful copy of someone listed among the people anyway is dropped, not made an organisation.
  const kept = new Set(index.entities.people.filter((e) => !out.has(e)).map((e) => e.name));
  const organizations = [...index.entities.organizations, ...moved.filter((e) => !kept.has(e.name))].sort(
    (a, b) => b.mentions - a.mentions,
  );
  return { ...index.entities, people: index.entities.people.filter((e) => !out.has(e)), organizations };
}

/** The entities of the prose, and the people named only inside the story's embedded posts. */
export function extractEntities(
  sentences: Sentence[],
  posts: readonly SocialPost[] = [],
  lex: Lexicon = LEXICON,
): Entities {
  return whosWho(indexEntities(sentences, posts, lex));
}

/**
 * The entity index of the prose. The pipeline builds it once and hands it to the quote stage (QuoteOptions.index);
 * `posts` adds the people named only inside embedded posts, marked `inPost` and kept out of `mentions`.
 */
export function indexEntities(
  sentences: Sentence[],
  posts: readonly SocialPost[] = [],
  lex: Lexicon = LEXICON,
): EntityIndex {
  const vocab = lazyVocabulary(sentences);
  const all = findMentions(sentences, vocab, lex);
  // A Title Case line (a headline, "Look At Hillary’s Shocking Response") capitalises every word, so its runs
  // say nothing about names: its mentions may join an entity named elsewhere but never start one.
  const titleCase = new Set(sentences.filter((s) => isTitleCase(s.text)).map((s) => s.index));
  const mentions = titleCase.size ? all.filter((m) => !titleCase.has(m.sentence)) : all;
  const headline = titleCase.size ? all.filter((m) => titleCase.has(m.sentence)) : [];
  return buildIndex(lex, sentences, all, mentions, headline, posts.length ? postMentions(lex, posts, vocab) : []);
}

const FUNCTION_WORDS = new Set(
  'a an the of to in on at by for and or nor but as with from into onto over vs via'.split(' '),
);

/** Every word capitalised, short function words aside, over four words or more ("Look At Hillary’s Shocking Response"). */
export function isTitleCase(text: string): boolean {
  let words = 0;
  // Most prose has a lowercase word within its first few: stop at the first that is no function word.
  for (const [w] of text.matchAll(WORD)) {
    const c = w[0]!;
    if (c >= 'a' && c <= 'z') {
      if (!FUNCTION_WORDS.has(w)) return false;
    } else if (c >= 'A' && c <= 'Z') words++;
    else if (/^\p{Ll}/u.test(w)) return false;
    else if (/^\p{Lu}/u.test(w)) words++;
  }
  return words >= 4;
}
const WORD = /\p{L}[\p{L}’'-]*/gu;

/** Mentions in the text of embedded posts, each post read as its own sentence (negative indices). */
function postMentions(
  lex: Lexicon,
  posts: readonly SocialPost[],
  vocab: Vocabulary,
): Array<{ mention: Mention; sentence: Sentence }> {
  const out: Array<{ mention: Mention; sentence: Sentence }> = [];
  posts.forEach((p, i) => {
    const sentence: Sentence = { text: p.text, start: 0, end: p.text.length, paragraph: -1, index: -1 - i };
    for (const mention of findMentions([sentence], vocab, lex)) out.push({ mention, sentence });
  });
  return out;
}

function buildIndex(
  lex: Lexicon,
  sentences: Sentence[],
  all: Mention[],
  mentions: Mention[],
  headline: Mention[],
  inPosts: Array<{ mention: Mention; sentence: Sentence }>,
): EntityIndex {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const assigned = new Map<Mention, Cluster>();
  const add = (c: Cluster, m: Mention) => {
    c.variants.set(m.name, (c.variants.get(m.name) ?? 0) + 1);
    c.mentions++;
    c.first = Math.min(c.first, m.start);
    assigned.set(m, c);
  };
  const open = (kind: Kind, key: string, m: Mention) => {
    let c = byKey.get(`${kind}:${key}`);
    if (!c) {
      c = { kind, variants: new Map(), mentions: 0, first: m.start, descriptions: [] };
      clusters.push(c);
      byKey.set(`${kind}:${key}`, c);
    }
    add(c, m);
    return c;
  };
  // Longest names first, so that short forms can join the full name they abbreviate.
  const ordered = [...mentions].sort(
    (a, b) => nameTokens(b.name).length - nameTokens(a.name).length || a.start - b.start,
  );
  // A hyphenated surname alone ("Zaghari-Ratcliffe") is a short form, like "Ratcliffe".
  // A place guessed from its context alone ("a letter from Kim") waits: it may be a person's short name.
  const multi = ordered.filter(
    (m) => (nameTokens(m.name).length > 1 && /\s/.test(m.name)) || (m.kind === 'place' && !m.guessed),
  );
  const personKey = (m: Mention) => {
    const t = nameTokens(m.name);
    return normKey(`${t[0]} ${t[t.length - 1]}`);
  };
  // A name the story uses for a person once is that person wherever its shape alone said otherwise ("Mardas" looks plural).
  const personKeys = new Set(multi.filter((m) => m.kind === 'person').map(personKey));
  for (const m of multi) {
    if (m.kind === 'place') open('places', normKey(m.place ?? m.name), m).canonical = m.place ?? m.name;
    else if (m.kind === 'organization' && !personKeys.has(personKey(m))) open('organizations', normKey(m.name), m);
    else if (m.kind === 'person' || m.kind === 'organization') open('people', personKey(m), m);
  }
  const homes = shortFormHomes(clusters);
  for (const m of ordered) {
    if (assigned.has(m) || (m.kind === 'place' && !m.guessed)) continue;
    const c = pickHome(lex, m, homes);
    // A word of a known person's name is that person, whatever the preposition before it ("from Kim").
    if (m.guessed && c?.kind !== 'people') open('places', normKey(m.place ?? m.name), m).canonical = m.place ?? m.name;
    else if (c) add(c, m);
    else if (m.kind === 'person') open('people', normKey(m.name), m);
    else if (m.kind === 'organization' || /^[A-Z]{2,6}$/.test(m.name)) open('organizations', normKey(m.name), m);
  }
  const postClusters = joinElsewhere(lex, { clusters, byKey, homes, add, open }, headline, inPosts);
  const byIndex = new Map(sentences.map((s) => [s.index, s]));
  for (const m of mentions) {
    const c = assigned.get(m);
    const s = byIndex.get(m.sentence);
    if (c?.kind === 'people' && s) c.descriptions.push(...describeMention(lex, m, s));
  }
  for (const { mention: m, sentence } of inPosts) {
    const c = postClusters.get(m);
    if (c) c.descriptions.push(...describeMention(lex, m, sentence));
  }
  const toEntity = new Map<Cluster, Entity>();
  const doubtful = new Set<Entity>();
  const descriptors = new Map<Entity, string[]>();
  const entities: Entities = { people: [], organizations: [], places: [] };
  for (const c of clusters) {
    const e = finish(c);
    if (c.kind === 'people' && unsupported(lex, c)) doubtful.add(e);
    toEntity.set(c, e);
    if (c.descriptions.length) descriptors.set(e, c.descriptions);
    entities[c.kind].push(e);
  }
  const first = new Map(clusters.map((c) => [toEntity.get(c)!, c.first]));
  for (const k of ['people', 'organizations', 'places'] as const) {
    entities[k].sort((a, b) => b.mentions - a.mentions || first.get(a)! - first.get(b)!);
  }
  return {
    entities,
    doubtful,
    descriptors,
    mentions: all.map((m) => {
      const c = assigned.get(m);
      return { mention: m, entity: c ? toEntity.get(c)! : null, kind: c?.kind ?? null };
    }),
  };
}

/** Which multi-word entities each single word or acronym could abbreviate ("Kim", "Journal", "AP", "NK"). */
