// "What did X say": X's quotes, matched through the entity's name and aliases (or the outlet that relayed them);
// failing quotes, the sentences that report X speaking ("X said that…"). A topic ("about Y") must be covered too.
import type { Quote } from '../briefing/types.js';
import { cover, questionTerms, sameTerm } from './relevance.js';
import { resolveEntity, type EntityHit } from './resolve-entity.js';
import type { IndexedStory, QuestionIndex } from './search-index.js';
import { fold, tokenize } from './terms.js';

export interface SaidAnswer {
  story: IndexedStory;
  speaker: string;
  quotes: Quote[];
  /** Sentence indexes cited: the quotes' sentences, or reported speech. */
  sentences: number[];
}

const SPEECH_TERMS = new Set(['say', 'tell', 'add', 'claim', 'stat', 'report', 'announc', 'insist', 'warn', 'writ', 'accord', 'explain', 'declar', 'argu', 'suggest', 'describ', 'deni', 'admit', 'note', 'reveal']);
const MAX_QUOTES = 3;

export function answerSaid(index: QuestionIndex, subject: string, topic: string | undefined, source?: string): SaidAnswer | null {
  const entities = resolveEntity(index, subject, source);
  const candidates: SaidAnswer[] = [];
  const seenStories = new Set<IndexedStory>();
  for (const hit of entities) {
    if (seenStories.has(hit.story)) continue;
    seenStories.add(hit.story);
    const answer = fromStory(hit.story, hit, subject, topic);
    if (answer) candidates.push(answer);
    if (candidates.length >= 5) break;
  }
  // A speaker who is no entity ("the Bayer spokesman"): look at quotes in the stories that mention the words.
  if (candidates.length === 0 && entities.length === 0) {
    for (const hit of index.shortlist(subject, source ? { source, limit: 20 } : { limit: 20 })) {
      if (seenStories.has(hit.story)) continue;
      seenStories.add(hit.story);
      const answer = fromStory(hit.story, null, subject, topic);
      if (answer) candidates.push(answer);
    }
  }
  return candidates.sort((a, b) => b.quotes.length - a.quotes.length || b.story.addedAt - a.story.addedAt)[0] ?? null;
}

function fromStory(story: IndexedStory, hit: EntityHit | null, subject: string, topic: string | undefined): SaidAnswer | null {
  const names = hit ? [hit.group.entity.name, ...hit.group.entity.aliases] : [subject];
  const nameTerms = names.map((n) => tokenize(n).filter((t) => !t.stop).map((t) => t.term)).filter((seq) => seq.length);
  const isSpeaker = (who: string | null | undefined) => {
    if (!who) return false;
    const terms = tokenize(who).filter((t) => !t.stop).map((t) => t.term);
    // "Drummond" is "Aldred Drummond": either name may be the shorter form of the other.
    return nameTerms.some(
      (seq) => seq.every((n) => terms.some((t) => sameTerm(t, n))) || (terms.length > 0 && terms.every((t) => seq.some((n) => sameTerm(t, n)))),
    );
  };
  const topicTerms = topic ? questionTerms(topic) : null;
  const onTopic = (sentence: string) => !topicTerms || cover(topicTerms, story, sentence).ok;

  const quotes = story.briefing.quotes.filter((q) => (isSpeaker(q.speaker) || isSpeaker(q.via)) && onTopic(q.sentence)).slice(0, MAX_QUOTES);
  const speaker = hit?.group.entity.name ?? quotes[0]?.speaker ?? subject;
  if (quotes.length) {
    const sentences = unique(quotes.map((q) => story.briefing.sentences.findIndex((s) => s.text.includes(q.sentence) || q.sentence.includes(s.text))).filter((i) => i >= 0));
    return { story, speaker, quotes, sentences };
  }
  // Reported speech: the name within a few words of a speech verb.
  const reported: number[] = [];
  story.briefing.sentences.forEach((s, i) => {
    if (reported.length >= 2 || !onTopic(s.text)) return;
    const tokens = tokenize(s.text);
    const terms = new Set(tokens.map((t) => t.term));
    if (!nameTerms.some((seq) => seq.every((n) => terms.has(n)))) return;
    // An entity is named with a capital; a described speaker ("the Bayer spokesman") need not be.
    const nameAt = tokens.filter((t) => nameTerms.some((seq) => seq.includes(t.term)) && (!hit || /^\p{Lu}/u.test(t.raw)));
    const verbAt = tokens.filter((t) => SPEECH_TERMS.has(t.term) || SPEECH_TERMS.has(fold(t.raw)));
    if (nameAt.some((n) => verbAt.some((v) => Math.abs(v.position - n.position) <= 3))) reported.push(i);
  });
  return reported.length ? { story, speaker, quotes: [], sentences: reported } : null;
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}
