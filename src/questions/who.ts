// "Who is X": what the article says X is — the entity's description, or else the sentence that puts a role
// beside X's name ("Top Rank promoter Bob Arum", "Dave Thompson, director of the prison").
import { ROLE_WORDS } from './evidence.js';
import type { Found } from './find-sentence.js';
import { resolveEntity } from './resolve-entity.js';
import { mentions, type EntityGroup, type IndexedStory, type QuestionIndex } from './search-index.js';
import { nounChunks } from './qa/noun-chunks.js';
import { anyOfFilter, namingFilter } from './sentence-prefilter.js';
import type { Token } from './terms.js';

/** Stories looked at for what someone is, best-ranked first: a name in thousands of stories is described in some. */
const DESCRIBED_IN = 8;
const ROLE_IN = 3;
/** A role word is read as written, lower-cased: a sentence whose folded text holds none has none. */
const ROLE_NEEDLES = anyOfFilter(ROLE_WORDS);

export function answerWho(index: QuestionIndex, subject: string, source?: string): Found | null {
  const hits = resolveEntity(index, subject, source);
  if (hits.length === 0) return null;
  // What the article says the entity is, in the best-ranked story that says it.
  for (const { story, group } of hits.slice(0, DESCRIBED_IN)) {
    const description = plausible(group.entity.description);
    if (!description) continue;
    const needle = description.toLowerCase();
    const at = story.briefing.sentences.findIndex((s) => s.text.toLowerCase().includes(needle));
    const sentence = at >= 0 ? at : (roleSentence(index, story, group)?.sentence ?? firstMention(index, story, group));
    return { story, sentence, short: `${group.entity.name}: ${description}`, score: 1 };
  }
  // Roles describe people; a place or an organisation is best described by where the story first names it.
  for (const { story, group } of hits.slice(0, ROLE_IN)) {
    const role = group.kind === 'person' ? roleSentence(index, story, group) : null;
    if (role)
      return {
        story,
        sentence: role.sentence,
        ...(role.phrase ? { short: `${group.entity.name}: ${role.phrase}` } : {}),
        score: 1,
      };
  }
  const { story, group } = hits[0]!;
  return { story, sentence: firstMention(index, story, group), score: 0.5 };
}

/** A description reads like a role ("North Korea's dictator"), not like a clause that happened to follow the name. */
function plausible(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const words = description.split(/\s+/).length;
  // "Mr" or "Jr" is a title, not what someone is: a description needs a lower-case word ("chief", "dictator").
  if (!/(?:^|\s)\p{Ll}{3,}/u.test(description)) return undefined;
  return words <= 14 && !/\b(?:will|would|was|were|is|are|has|have|had|said|says|can|could)\b/i.test(description)
    ? description
    : undefined;
}

function firstMention(index: QuestionIndex, story: IndexedStory, group: EntityGroup): number {
  // Only sentences that could name the entity are read, up to the first that does.
  const naming = namingFilter(group);
  for (let i = 0; i < story.briefing.sentences.length; i++) {
    const info = index.sentenceIf(story, i, naming);
    if (info && mentions(group, new Set(info.tokens.map((t) => t.term)))) return i;
  }
  return 0;
}

/** The earliest sentence with a role noun within a few words of the name, and the role phrase when it is clear. */
function roleSentence(
  index: QuestionIndex,
  story: IndexedStory,
  group: EntityGroup,
): { sentence: number; phrase?: string } | null {
  let best: { sentence: number; distance: number; phrase?: string } | null = null;
  // Only sentences that could hold both the name and a role word are read.
  const naming = namingFilter(group);
  const could = (folded: string) => naming(folded) && ROLE_NEEDLES(folded);
  story.briefing.sentences.forEach((s, i) => {
    const tokens = index.sentenceIf(story, i, could)?.tokens;
    if (!tokens) return;
    const nameAt = tokens.filter((t) => group.terms.has(t.term) && /^\p{Lu}/u.test(t.raw));
    if (nameAt.length === 0) return;
    for (const token of tokens) {
      if (!ROLE_WORDS.has(token.raw.toLowerCase().replace(/s$/, '')) && !ROLE_WORDS.has(token.raw.toLowerCase()))
        continue;
      const distance = Math.min(...nameAt.map((n) => Math.abs(n.position - token.position)));
      if (distance > 8) continue;
      if (!best || distance < best.distance) {
        const phrase = rolePhrase(s.text, tokens, token, nameAt);
        best = { sentence: i, distance, ...(phrase ? { phrase } : {}) };
      }
    }
  });
  return best;
}

/** "Top Rank promoter" before a name, or "director of the Category B prison" in an appositive after it. */
function rolePhrase(text: string, tokens: Token[], role: Token, names: Token[]): string | undefined {
  const firstName = names.find((n) => n.position > role.position);
  if (firstName && firstName.position - role.position <= 4) {
    let from = role.position;
    while (from > 0 && role.position - from < 3) {
      const prev = tokens[from - 1]!;
      if (!/^\p{Lu}/u.test(prev.raw) && prev.raw !== 's' && !ROLE_WORDS.has(prev.raw.toLowerCase())) break;
      from--;
    }
    // Only titles and names between the role and the name: "Residents said Tomas Ferrand" gives no role.
    if (tokens.slice(role.position + 1, firstName.position).some((t) => !/^\p{Lu}/u.test(t.raw))) return undefined;
    const phrase = text.slice(tokens[from]!.start, firstName.start).replace(/[\s,]+$/, '');
    return /[,;:(]/.test(phrase) ? undefined : phrase;
  }
  const lastName = [...names].reverse().find((n) => n.position < role.position);
  if (!lastName) return undefined;
  const after = text.slice(lastName.start + lastName.raw.length);
  const m = /^,\s+((?:the |a |an )?[^,;:()]{0,60}?)(?:,|\s+(?:said|says|told|who)\b)/.exec(after);
  return m && m[1]!.toLowerCase().includes(role.raw.toLowerCase()) ? m[1]!.trim() : undefined;
}

/** Mentions of a person read for a description, per story: enough for a name a story repeats. */
const MENTIONS_READ = 6;

/**
 * Whether the stories name the person asked about by full name but say nowhere who they are: no description, no
 * role beside the name, and no noun phrase that does (a noun before the name, "former astronaut Ilse Korh"; an
 * appositive, "its conductor, Ilse Korh" or "Ilse Korh, a teacher"; "Ilse Korh is a …"; a class she is named in,
 * "famous weavers include Ilse Korh"). "Who is X?" is then
 * declined rather than answered with a sentence that merely mentions X.
 */
export function describedNowhere(index: QuestionIndex, subject: string, source?: string): boolean {
  if (subject.trim().split(/\s+/).length < 2) return false;
  const named = index.entitiesNamed(subject);
  const hits = source ? named.filter((h) => h.story.briefing.source === source) : named;
  // The kinds are known unpacked: a name in thousands of stories is not unpacked in each to check them.
  if (hits.length === 0 || hits.some(({ kind }) => kind !== 'person')) return false;
  return hits.slice(0, DESCRIBED_IN).every(({ story, group }) => {
    if (plausible(group.entity.description) || roleSentence(index, story, group)?.phrase) return false;
    const naming = namingFilter(group);
    let read = 0;
    for (let i = 0; i < story.briefing.sentences.length && read < MENTIONS_READ; i++) {
      const names = (index.sentenceIf(story, i, naming)?.tokens ?? []).filter(
        (t) => group.terms.has(t.term) && /^\p{Lu}/u.test(t.raw),
      );
      if (names.length === 0) continue;
      read++;
      if (describedIn(story.briefing.sentences[i]!.text, names)) return false;
    }
    return true;
  });
}

/** Whether a sentence holds a noun phrase saying who the named person is, beside the name. */
function describedIn(text: string, names: Token[]): boolean {
  const first = names[0]!.start;
  const last = names[names.length - 1]!;
  const end = last.start + last.raw.length;
  const common = (c: { text: string }) => /(?:^|\s)\p{Ll}{3,}/u.test(c.text);
  return nounChunks(text).some((c) => {
    if (!common(c)) return false;
    // "former astronaut Ilse Korh": common nouns before the name, in one phrase with it.
    if (c.start < first && c.end > first) return true;
    // "its conductor, Ilse Korh": the phrase just before the name and a comma.
    if (c.end <= first && /^\s*,\s*$/.test(text.slice(c.end, first))) return true;
    // "famous weavers include Ilse Korh and …", "weavers such as Ilse Korh": the class the name belongs to.
    if (
      c.end <= first &&
      /^\s+(?:include[sd]?|including|such as|among them)\s[^.;:]{0,80}$/.test(text.slice(c.end, first))
    )
      return true;
    // "Ilse Korh, a teacher," and "Ilse Korh is a teacher".
    return c.start >= end && /^\s*(?:,|\s(?:is|was)\s+(?:an?|the)?)\s*$/.test(text.slice(end, c.start));
  });
}
