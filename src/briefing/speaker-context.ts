// What the speaker resolver knows of an article: its named people and organisations outside quotes, who each is
// (sex from first names and descriptions, surnames, role descriptions), which sentence a position is in, and who a
// sentence or the story just before a position is about. Built once per article by quote-speakers.ts.
import { CALENDAR_WORD } from './date-parse.js';
import type { EntityIndex } from './entities.js';
import { lastWord } from './entity-describe.js';
import { demonymPlace } from './mention-kind.js';
import { firstNameSex, knownFirstName, type Lexicon } from './lexicon/lexicon.js';
import { ABBREVIATED, HE, isSubjectLead, POSSESSED_APPOSITIVE, SHE, SOMEONE_OF } from './speaker-words.js';
import type { Entity, Sentence } from './types.js';

export interface Named {
  start: number;
  end: number;
  entity: Entity;
  person: boolean;
  sentence: number;
}

export function speakerContext(
  text: string,
  index: EntityIndex,
  quoted: Array<{ open: number; close: number }>,
  sentences: Sentence[],
  lex: Lexicon,
) {
  const named: Named[] = index.mentions
    .filter((m) => m.entity && (m.kind === 'people' || m.kind === 'organizations'))
    .map((m) => ({
      start: m.mention.start,
      end: m.mention.end,
      entity: m.entity!,
      person: m.kind === 'people',
      sentence: m.mention.sentence,
    }));
  const insideQuote = (pos: number) => quoted.some((q) => pos > q.open && pos < q.close);
  const byAlias = new Map<string, Entity>();
  for (const k of ['people', 'organizations'] as const) {
    for (const e of index.entities[k]) for (const n of [e.name, ...e.aliases]) if (!byAlias.has(n)) byAlias.set(n, e);
  }
  const people = index.entities.people;
  // What the article calls someone, less what it says of their relatives ("Travolta, whose wife, Kelly Preston").
  const said = (e: Entity) =>
    [e.description ?? '', ...(index.descriptors.get(e) ?? [])]
      .join('; ')
      .replace(/\b(?:whose|his|her|their)\s+[\w-]+/gi, '');
  /** Sex by first name, else by descriptions ("a mother of four"), else null when the article does not say. */
  const described = (e: Entity): 'f' | 'm' | null => {
    const byName = firstNameSex(lex, e.name);
    if (byName) return byName;
    const words = said(e);
    return SHE.test(words) ? 'f' : HE.test(words) ? 'm' : null;
  };
  const female = (e: Entity) => described(e) === 'f';
  // What earlier pronouns taught: someone already called "he" is not the next "she".
  const learned = new Map<Entity, 'f' | 'm'>();
  const sex = (e: Entity): 'f' | 'm' | null => described(e) ?? learned.get(e) ?? null;
  const isOutlet = (name: string) => lex.outletWords.has(lastWord(name.replace(/[’']s?$/, '')));
  const sentenceAt = (pos: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sentences[mid]!;
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return mid;
    }
    return lo - 1;
  };
  const heardAt: Array<{ at: number; speaker: string }> = [];
  const personNamed = (name: string) => people.find((e) => e.name === name);

  /** The one person named in full before `before` whose surname is `word` ("Mark Cuban" for "Cuban"). */
  const namedBySurname = (word: string, before: number): Entity | undefined => {
    // An everyday word ("Tuesday", "From") counts only for someone whose first name is a known one ("Al From").
    // Days and months are never one ("West Palm Beach Tuesday" is the entity finder's slip).
    if (CALENDAR_WORD.test(word)) return undefined;
    const ordinary = lex.notNames.has(word.toLowerCase()) || demonymPlace(lex, word);
    const fits = people.filter((e) => {
      const ws = e.name.split(/\s+/);
      return (
        ws.length > 1 &&
        lastWord(e.name) === lastWord(word) &&
        (!ordinary || (ws.length === 2 && knownFirstName(lex, ws[0]!)))
      );
    });
    if (fits.length !== 1) return undefined;
    const e = fits[0]!;
    return named.some((n) => n.entity === e && n.start < before && !insideQuote(n.start)) ? e : undefined;
  };

  /**
   * Whether a whole clause read for its first name leads with someone unnamed: "One operative inside Trump Tower
   * tried to…, saying", or someone's people, "Scott's relatives watched…, and said" ("X's response was:" stays X's).
   */
  const unnamedLead = (head: string, at: number, person: Named | undefined, first: Named | undefined): boolean => {
    const unnamed = /^(?:an?|one|another)\s+((?:[a-z-]+\s+){0,3}[a-z-]+)/i.exec(head);
    if (unnamed && unnamed[1]!.split(/\s+/).some((w) => lex.roleNouns.has(w) || lex.unnamedSources.has(w))) return true;
    return (
      !!person &&
      person === first &&
      possessive(person) &&
      isSubjectLead(lex, head.slice(0, Math.max(0, person.start - at))) &&
      SOMEONE_OF.test(text.slice(person.end, person.end + 30))
    );
  };
  const possessive = (n: Named) => /^[’']s?\s/.test(text.slice(n.end, n.end + 3));
  const recent = (before: number, ok: (n: Named) => boolean): Named | undefined => {
    for (let i = named.length - 1; i >= 0; i--) {
      const n = named[i]!;
      if (n.start < before && ok(n) && !insideQuote(n.start)) return n;
    }
    return undefined;
  };

  /** The person a sentence is about: its leading name, or the speaker of a quote it holds. */
  const subjectOf = (si: number, before = Infinity): Entity | null | undefined => {
    const s = sentences[si];
    if (!s) return undefined;
    const spoke = heardAt.find((h) => h.at >= s.start && h.at < s.end && h.at < before);
    if (spoke) return personNamed(spoke.speaker);
    for (const n of named) {
      if (n.start < s.start || n.start >= s.end || n.start >= before) continue;
      if (!n.person || insideQuote(n.start)) continue;
      // A sentence that names people but leads with none of them, or leads with someone's possession
      // ("Mr Pring’s mother, Irene Pring, said"), has no subject we can trust.
      if (!isSubjectLead(lex, text.slice(s.start, n.start))) return null;
      if (!possessive(n)) return n.entity;
      const namedInClause = named.find(
        (m) => m.person && m.start > n.end && m.start < s.end && POSSESSED_APPOSITIVE.test(text.slice(n.end, m.start)),
      );
      return namedInClause?.entity ?? null;
    }
    return undefined;
  };

  /**
   * Who the article was just talking about, for a description or pronoun at `at` with no name in its own
   * sentence: the subject of the closest earlier sentence that names anyone.
   */
  const prominentBefore = (at: number, ok: (e: Entity) => boolean): Entity | undefined => {
    const si = sentenceAt(at);
    // Sentences naming nobody ("She then peppered him…") carry the topic on; look back past a few of them.
    for (let k = si - 1; k >= Math.max(0, si - 4); k--) {
      const subject = subjectOf(k);
      if (subject === undefined) continue;
      return subject && ok(subject) ? subject : undefined;
    }
    return undefined;
  };
  /** Whether the sentence holding `at` names a fitting person before it (then the nearest one is meant). */
  const namedEarlierHere = (at: number, ok: (e: Entity) => boolean): boolean => {
    const s = sentences[sentenceAt(at)];
    return (
      !!s && named.some((n) => n.person && n.start >= s.start && n.start < at && ok(n.entity) && !insideQuote(n.start))
    );
  };

  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}-]+/u)
      .filter(Boolean)
      .map((w) => ABBREVIATED[w] ?? w);
  /** "the former secretary of state", "Obama’s campaign strategist": the person so described. */
  const resolveRole = (phrase: string, before: number): string | null => {
    const ws = words(phrase).filter((w) => !/^(?:the|this|that|our|their|its|his|her)$/.test(w));
    // The description ends at its role noun ("the Republican nominee | also outlined his plan").
    let j = ws.findIndex((w, k) => k < 8 && lex.roleNouns.has(w));
    if (j < 0 && ws.length <= 4) j = ws.length - 1;
    const noun = ws[j];
    if (!noun) return null;
    const mods = ws.slice(0, j);
    let best: Entity[] = [];
    let bestScore = 0;
    for (const e of people) {
      const desc = new Set((index.descriptors.get(e) ?? []).flatMap(words));
      if (!desc.has(noun)) continue;
      const score = 1 + mods.filter((w) => desc.has(w)).length;
      if (score > bestScore) [best, bestScore] = [[e], score];
      else if (score === bestScore) best.push(e);
    }
    if (best.length) {
      const fits = new Set(best);
      const n = recent(before, (x) => x.person && fits.has(x.entity));
      return (n?.entity ?? best[0]!).name;
    }
    // Nobody is described so; news varies its words for whoever it was just talking about.
    // …except for roles a story gives to somebody else, unnamed: "The judge said Ms O'Neill had “an appalling record”".
    if (!lex.roleNouns.has(noun) || lex.othersRoles.has(noun) || namedEarlierHere(before, () => true)) return null;
    return prominentBefore(before, () => true)?.name ?? null;
  };

  return {
    named,
    insideQuote,
    byAlias,
    people,
    said,
    described,
    female,
    learned,
    sex,
    isOutlet,
    sentenceAt,
    heardAt,
    personNamed,
    namedBySurname,
    unnamedLead,
    possessive,
    recent,
    subjectOf,
    prominentBefore,
    namedEarlierHere,
    words,
    resolveRole,
  };
}

export type SpeakerContext = ReturnType<typeof speakerContext>;
