// "What did X say": X's quotes, matched through the entity's name and aliases (or the outlet that relayed them);
// failing quotes, the sentences that report X speaking ("X said that…"). A topic ("about Y") must be covered too.
import { LEXICON } from '../briefing/lexicon/lexicon.js';
import type { Quote } from '../briefing/types.js';
import { speakersOf } from '../cache/stored-briefing.js';
import { BoundedMap } from '../core/bounded-map.js';
import { cover, questionTerms, sameTerm } from './relevance.js';
import { resolveEntity, type EntityHit } from './resolve-entity.js';
import { foldedText, needles } from './sentence-prefilter.js';
import type { IndexedStory, QuestionIndex } from './search-index.js';
import { fold, tokenize } from './terms.js';

export interface SaidAnswer {
  story: IndexedStory;
  speaker: string;
  quotes: Quote[];
  /** Sentence indexes cited: the quotes' sentences, or reported speech. */
  sentences: number[];
}

const MAX_QUOTES = 3;

/** Stories searched for reported speech when none quotes the speaker: the best-ranked that name them. */
const REPORTED_IN = 10;
const CANDIDATES = 5;

export function answerSaid(
  index: QuestionIndex,
  subject: string,
  topic: string | undefined,
  source?: string,
): SaidAnswer | null {
  const entities = resolveEntity(index, subject, source);
  // A speaker who is no entity ("the Bayer spokesman"): look at quotes in the stories that mention the words.
  const each: Iterator<{ story: IndexedStory; hit: EntityHit | null }> =
    entities.length === 0
      ? index
          .stories(subject, source ? { source } : {})
          .map(({ story }) => ({ story, hit: null }))
          [Symbol.iterator]()
      : storiesOf(entities);
  // The stories, each once, taken as the search gets to them: a name in thousands of stories is mostly quoted in
  // the first few, so the rest are never listed.
  const stories: Array<{ story: IndexedStory; hit: EntityHit | null }> = [];
  const storyAt = (i: number) => {
    while (stories.length <= i) {
      const next = each.next();
      if (next.done) return undefined;
      stories.push(next.value);
    }
    return stories[i];
  };
  // Quotes first, in every story that names the speaker (checking a story's quotes is cheap); reading sentences
  // for reported speech ("X said that…") only in the best-ranked few.
  const candidates: SaidAnswer[] = [];
  for (const reported of [false, true]) {
    for (let i = 0; !reported || i < REPORTED_IN; i++) {
      const entry = storyAt(i);
      if (!entry) break;
      const answer = fromStory(index, entry.story, entry.hit, subject, topic, reported);
      if (answer) candidates.push(answer);
      if (candidates.length >= CANDIDATES) break;
    }
    if (candidates.length) break;
  }
  return candidates.sort((a, b) => b.quotes.length - a.quotes.length || b.story.addedAt - a.story.addedAt)[0] ?? null;
}

/** Each story an entity was found in, once, with the first (best-ranked) entity found there. */
function* storiesOf(entities: readonly EntityHit[]): Generator<{ story: IndexedStory; hit: EntityHit }> {
  const seen = new Set<IndexedStory>();
  for (const hit of entities) {
    if (seen.has(hit.story)) continue;
    seen.add(hit.story);
    yield { story: hit.story, hit };
  }
}

function fromStory(
  index: QuestionIndex,
  story: IndexedStory,
  hit: EntityHit | null,
  subject: string,
  topic: string | undefined,
  reportedSpeech: boolean,
): SaidAnswer | null {
  // A person the entities missed is still named by the surname alone ("Drummond said").
  const surname = /^(?:\p{Lu}\S*\s+)+(\p{Lu}\S*)$/u.exec(subject)?.[1];
  // An entity's names as terms are the index's (the same tokens of its name and aliases): its entity, read from the
  // whole briefing, is needed only once the story has something to say. Worked out on first use: most stories that
  // name a much-quoted person quote nobody at all, and unpacking the names of thousands of them was costly.
  let names: string[][] | undefined;
  const nameTermsNow = () =>
    (names ??= hit
      ? hit.group.names
      : [subject, ...(surname ? [surname] : [])].map(nameTermsOf).filter((seq) => seq.length));
  const isSpeaker = (who: string | null | undefined) => {
    if (!who) return false;
    const nameTerms = nameTermsNow();
    const terms = nameTermsOf(who);
    // "Drummond" is "Aldred Drummond": either name may be the shorter form of the other.
    return nameTerms.some(
      (seq) =>
        seq.every((n) => terms.some((t) => sameTerm(t, n))) ||
        (terms.length > 0 && terms.every((t) => seq.some((n) => sameTerm(t, n)))),
    );
  };
  const topicTerms = topic ? questionTerms(topic) : null;
  const onTopic = (sentence: number) =>
    !topicTerms || (sentence >= 0 && cover(topicTerms, story, index.sentence(story, sentence)!).ok);
  const sentenceOf = (q: Quote) =>
    story.briefing.sentences.findIndex((s) => s.text.includes(q.sentence) || q.sentence.includes(s.text));

  // The speakers are known from the briefing's head: one that quotes nobody of the name is not read for its quotes.
  const quotes = speakersOf(story.briefing).some(isSpeaker)
    ? story.briefing.quotes
        .filter((q) => (isSpeaker(q.speaker) || isSpeaker(q.via)) && onTopic(sentenceOf(q)))
        .slice(0, MAX_QUOTES)
    : [];
  const speaker = () => hit?.group.entity.name ?? quotes[0]?.speaker ?? subject;
  if (quotes.length) {
    const sentences = unique(quotes.map(sentenceOf).filter((i) => i >= 0));
    return { story, speaker: speaker(), quotes, sentences };
  }
  if (!reportedSpeech) return null;
  // Reported speech: the name within a few words of a speech verb.
  const reported: number[] = [];
  // Read only the sentences whose text could name the speaker.
  const nameTerms = nameTermsNow();
  const nameNeedles = nameTerms.flatMap((seq) => needles(seq[seq.length - 1]!));
  story.briefing.sentences.forEach((s, i) => {
    if (reported.length >= 2) return;
    const folded = foldedText(s.text);
    if (!nameNeedles.some((n) => folded.includes(n)) || !onTopic(i)) return;
    const { tokens: sentence, terms } = index.sentence(story, i)!;
    if (!nameTerms.some((seq) => seq.every((n) => terms.has(n)))) return;
    // An entity is named with a capital; a described speaker ("the Bayer spokesman") need not be.
    const nameAt = sentence.filter(
      (t) => nameTerms.some((seq) => seq.includes(t.term)) && (!hit || /^\p{Lu}/u.test(t.raw)),
    );
    const verbAt = sentence.filter((t) => LEXICON.speechStems.has(t.term) || LEXICON.speechStems.has(fold(t.raw)));
    if (nameAt.some((n) => verbAt.some((v) => Math.abs(v.position - n.position) <= 3))) reported.push(i);
  });
  // "…told MailOnline:" without the words said: the quote itself was split into the next sentence.
  const sentences = story.briefing.sentences;
  const carriesQuote = (text: string) => /["“”‘’]|(^|\s)'/.test(text);
  const withQuotes = reported.flatMap((i) =>
    !carriesQuote(sentences[i]!.text) && /^[^"“‘']{0,30}["“‘']/.test(sentences[i + 1]?.text ?? '') ? [i, i + 1] : [i],
  );
  return reported.length ? { story, speaker: speaker(), quotes: [], sentences: unique(withQuotes) } : null;
}

const speakerTerms = new BoundedMap<string, string[]>(10_000);
/** The content terms of a speaker's name; the same few names recur in every quote of a story. */
function nameTermsOf(name: string): string[] {
  let terms = speakerTerms.get(name);
  if (!terms) {
    terms = tokenize(name)
      .filter((t) => !t.stop)
      .map((t) => t.term);
    speakerTerms.set(name, terms);
  }
  return terms;
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}
