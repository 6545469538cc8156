// Turns the words naming a speaker ("he", "Ri", "the dictator", "Trump lawyer Marc Kasowitz") into the fullest name.
import type { EntityIndex } from './entities.js';
import { lastWord } from './entity-describe.js';
import { demonymPlace } from './entity-mentions.js';
import {
  firstNameSex,
  HONORIFICS,
  knownFirstName,
  NOT_NAMES,
  OUTLET_WORDS,
  ROLE_NOUNS,
  SPEECH_VERBS,
} from './names-lexicon.js';
import type { Entity, QuoteRule, Sentence } from './types.js';

export interface Named {
  start: number;
  end: number;
  entity: Entity;
  person: boolean;
  sentence: number;
}

export interface SpeakerResolver {
  /** Speaker for the subject words at `start` (absolute offset), or null when nobody can be named. */
  resolve(subject: string, start: number, pick?: 'first' | 'last'): string | null;
  /** The same, with the rule that named the speaker: the cue's subject itself, or a pronoun or role noun resolved. */
  resolveWithRule(subject: string, start: number, pick?: 'first' | 'last'): Decision;
  /** The outlet relaying the words in `clause` (absolute offset `start`), if the clause names one. */
  via(clause: string, start: number): string | undefined;
  isOutlet(name: string): boolean;
  /** Records who was found to say the quote at `at`, so a later "he said" can continue with them. */
  heard(at: number, speaker: string | null): void;
  /** The person whose speech the sentence right before `at` reports ("Reed said the deal was bad."), if any. */
  reporterBefore(at: number): string | null;
  /** The person the sentence holding `at` leads with, named before `at` ("In July, Gingrich dismissed … as “…”"). */
  subjectBefore(at: number): string | null;
  /** For the ranker (quote-candidates.ts): person and organisation mentions that sit outside quotes, in order. */
  mentions: readonly Named[];
  sentenceIndex(pos: number): number;
  /** The person sentence `si` leads with (named before `before`); null when it leads with nobody, undefined when it names nobody. */
  sentenceSubject(si: number, before?: number): Entity | null | undefined;
  /** The subject of the closest earlier sentence that names anyone. */
  topicBefore(at: number): Entity | undefined;
  sexOf(e: Entity): 'f' | 'm' | null;
}

// The noun phrase heading a subject stops at appositives, parentheses, trailing prepositional phrases and clauses
// ("Dan Golvach when asked about X", "another source speaking to Fox News").
const HEAD_END =
  /,|\(|\s(?:for|of|at|from|with|in|on|during|to|after|before)\s+(?:the\s|a\s|an\s|his\s|her\s|its\s|[a-z])|\s(?:who|which|whose)\s|\s[—–]\s|\s(?:when|while|whom|speaking|talking|writing|appearing|responding|referring)\s/;
const VIA =
  /\b(?:per|according to|told|to|with|on|in an interview with)\s+(?:the\s+|an?\s+)?([A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*)*)/g;

// A sentence's subject is a person named first, after at most a conjunction and title words.
const LEAD_CONJUNCTION = /^(?:But|And|So|Still|Then|Now|Meanwhile|Later|Earlier|Also|Yet),?$/;
const isSubjectLead = (lead: string): boolean =>
  lead
    .replace(/^[\s“"‘'(—–-]+/, '')
    .replace(INTRO, '')
    .split(/\s+/)
    .filter(Boolean)
    .every(
      (w, i) =>
        (i === 0 && LEAD_CONJUNCTION.test(w)) ||
        (/^[A-Z]/.test(w) && !NOT_NAMES.has(w.toLowerCase().replace(/\.$/, ''))) ||
        HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')),
    );
// A short opening phrase before the subject: "On Monday night, Clinton…", "In response, Suu Kyi…".
const INTRO =
  /^(?:On|In|At|During|After|Before|Since|Earlier|Later|Last|This|Over|By|With|For|Back|Then|Still|Now)\b[^,;:“”"]{0,40},\s+/;
// Title abbreviations, so "Indiana Gov. Mike Pence" is described as a governor.
const ABBREVIATED: Record<string, string> = {
  gov: 'governor',
  sen: 'senator',
  rep: 'representative',
  gen: 'general',
  lt: 'lieutenant',
  sec: 'secretary',
  pres: 'president',
  atty: 'attorney',
  supt: 'superintendent',
  amb: 'ambassador',
};
// "Obama’s former campaign strategist", "Trump’s running mate": someone described through another person.
const POSSESSED = /^(?:[A-Z][\p{L}.’'-]*\s+)*[A-Z][\p{L}.-]*[’']s\s+((?:[a-z][\p{L}-]*\s+)*[a-z][\p{L}-]*)$/u;
const MODIFIES =
  /^(?:[’']s|\.)?\s+(?!(?:for|of|at|from|with|in|on|to|and|or|who|which|that|during|after|before|as|also|has|had|have|is|was|will|would)\b)[a-z]/;
const PARTISAN =
  /^(?:Republican|Democrat|Democratic|Independent|Conservative|Liberal|Libertarian|Hispanic|Latino|Latina|Black|White|Asian)s?$/;
const SHE =
  /\b(?:Mrs|Ms|Miss|First Lady|first lady|mother|wife|daughter|sister|woman|girl|grandmother|actress|widow|congresswoman|chairwoman|businesswoman|spokeswoman)\b/;
const HE =
  /\b(?:Mr|father|husband|son|brother|man|boy|grandfather|actor|widower|congressman|chairman|businessman|spokesman)\b/;
// "X's lawyer", "X's relatives": people of someone's ("X's response was:" stays X's own words).
const SOMEONE_OF =
  /^[’']s?\s+(?:[a-z-]+\s+)?(?:lawyers?|attorneys?|relatives|family|wife|husband|mother|father|sons?|daughters?|brothers?|sisters?|friends?|aides?|advisers?|advisors?|spokes(?:man|woman|person)|staff(?:ers?)?|supporters|allies|campaign|office|team|lawmakers)\b/;
const UNNAMED_SOURCES = new Set(
  'source sources operative insider person friend staffer attendee participant member veteran'.split(' '),
);
const LEADING_PHRASE =
  /^(?:Like|Unlike|After|Before|With|Without|Following|Despite|Besides|Beyond|Against|Alongside|When|While|Although|Though|If|Because|Since|Once|Until)\b[^,]{0,160},/;
const CALENDAR =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Group and party words that the entity finder may take for a name ("Protesters said", "Republican claims"). */
const noSpeaker = (name: string) => GROUPS.has(name.toLowerCase()) || PARTISAN.test(name);
// "Mr Pring’s mother, Irene Pring, said": the appositive names the subject.
const POSSESSED_APPOSITIVE = /^[’']s?(?:\s+[a-z][\w-]*){1,4},\s+(?:[A-Z][\w.]*\s+)*$/;
// "Hillary Clinton’s campaign manager Robby Mook": the possessor is not the person.
const POSSESSED_TITLE = /^[’']s?(?:\s+[a-z][\w-]*){1,4}\s+$/;
const REPORTS = new RegExp(String.raw`\b(?:${[...SPEECH_VERBS].join('|')})\b`);
const OTHERS_ROLES = new Set(
  `judge spokesman spokeswoman spokesperson official officer prosecutor lawyer attorney doctor
  aide adviser advisor analyst expert reporter researcher scientist pollster consultant`.split(/\s+/),
);
// Plural and group nouns name no single speaker ("Officials at the agency said").
const GROUPS = new Set(
  `officials sources aides analysts experts critics supporters protesters democrats republicans
  police authorities investigators prosecutors residents witnesses officers voters members leaders lawmakers`.split(
    /\s+/,
  ),
);

export interface Decision {
  speaker: string | null;
  rule: QuoteRule;
}

export function speakerResolver(
  text: string,
  index: EntityIndex,
  quoted: Array<{ open: number; close: number }>,
  sentences: Sentence[],
): SpeakerResolver {
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
    const byName = firstNameSex(e.name);
    if (byName) return byName;
    const words = said(e);
    return SHE.test(words) ? 'f' : HE.test(words) ? 'm' : null;
  };
  const female = (e: Entity) => described(e) === 'f';
  // What earlier pronouns taught: someone already called "he" is not the next "she".
  const learned = new Map<Entity, 'f' | 'm'>();
  const sex = (e: Entity): 'f' | 'm' | null => described(e) ?? learned.get(e) ?? null;
  const isOutlet = (name: string) => OUTLET_WORDS.has(lastWord(name.replace(/[’']s?$/, '')));
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
    if (CALENDAR.test(word)) return undefined;
    const ordinary = NOT_NAMES.has(word.toLowerCase()) || demonymPlace(word);
    const fits = people.filter((e) => {
      const ws = e.name.split(/\s+/);
      return (
        ws.length > 1 &&
        lastWord(e.name) === lastWord(word) &&
        (!ordinary || (ws.length === 2 && knownFirstName(ws[0]!)))
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
    if (unnamed && unnamed[1]!.split(/\s+/).some((w) => ROLE_NOUNS.has(w) || UNNAMED_SOURCES.has(w))) return true;
    return (
      !!person &&
      person === first &&
      possessive(person) &&
      isSubjectLead(head.slice(0, Math.max(0, person.start - at))) &&
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
      if (!isSubjectLead(text.slice(s.start, n.start))) return null;
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
    let j = ws.findIndex((w, k) => k < 8 && ROLE_NOUNS.has(w));
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
    if (!ROLE_NOUNS.has(noun) || OTHERS_ROLES.has(noun) || namedEarlierHere(before, () => true)) return null;
    return prominentBefore(before, () => true)?.name ?? null;
  };

  const resolveWithRule = (subject: string, start: number, pick: 'first' | 'last' = 'last'): Decision => {
    const { speaker: name, rule } = resolveName(subject, start, pick);
    // A bare title or role word ("Secretary") is what was said about someone, not who.
    const bare = name && !/\s/.test(name) && (HONORIFICS.has(name.toLowerCase()) || ROLE_NOUNS.has(name.toLowerCase()));
    return bare || !name ? { speaker: null, rule: 'unattributed' } : { speaker: name, rule };
  };
  const resolve = (subject: string, start: number, pick: 'first' | 'last' = 'last'): string | null =>
    resolveWithRule(subject, start, pick).speaker;
  const as =
    (rule: QuoteRule) =>
    (speaker: string | null | undefined): Decision => ({ speaker: speaker ?? null, rule });
  const cueSubject = as('cue subject');
  const pronounRule = as('resolved pronoun');
  const roleRule = as('resolved role noun');
  const none: Decision = { speaker: null, rule: 'unattributed' };

  const resolveName = (subject: string, start: number, pick: 'first' | 'last'): Decision => {
    const lead = /^[\s,;:—–-]*(?:(?:and|but|so|then|while|when|as|because|although|though|even|also|only)\s+)*/i.exec(
      subject,
    )![0].length;
    const s = subject.slice(lead).trimEnd();
    const at = start + lead;
    if (!s) return none;
    const pronoun = /^(he|she|they|it|we|i|you|who|which|this|that)\b/i.exec(s)?.[1]?.toLowerCase();
    if (pronoun === 'he' || pronoun === 'she') {
      const fits = (e: Entity) => female(e) === (pronoun === 'she');
      // Within its own sentence a pronoun takes the nearest name before it; otherwise the previous sentence's
      // topic. Either may be anyone whose sex the article does not contradict.
      const want = pronoun === 'she' ? 'f' : 'm';
      const compatible = (e: Entity) => (sex(e) ?? want) === want;
      const here = sentences[sentenceAt(at)];
      // A possessor is no antecedent ("Clinton says she admired Machado’s courage through what she calls…").
      const found =
        (here &&
          recent(at, (x) => x.person && x.start >= here.start && compatible(x.entity) && !possessive(x))?.entity) ??
        prominentBefore(at, compatible) ??
        recent(at, (x) => x.person && fits(x.entity))?.entity;
      if (!found) return none;
      if (!sex(found)) learned.set(found, want);
      return pronounRule(found.name);
    }
    // "The Security Council … pledged sanctions against what it called “a clear threat”": an organization that
    // leads the sentence is its "it".
    if (pronoun === 'it') {
      const here = sentences[sentenceAt(at)];
      const first = here && named.find((n) => n.start >= here.start && n.start < at && !insideQuote(n.start));
      return first && !first.person && isSubjectLead(text.slice(here.start, first.start).replace(/^\s*the\s+$/i, ''))
        ? pronounRule(first.entity.name)
        : none;
    }
    if (pronoun) return none;
    const cut = pick === 'first' ? null : HEAD_END.exec(s);
    const head = cut ? s.slice(0, cut.index) : s;
    const inHead = named.filter(
      (n) => n.start >= at && n.end <= at + head.length && !insideQuote(n.start) && !noSpeaker(n.entity.name),
    );
    // "Obama’s former campaign strategist said": the names are possessors of a description, not the speaker.
    const possessed = pick === 'last' ? POSSESSED.exec(head) : null;
    if (possessed) return roleRule(resolveRole(possessed[1]!, at));
    // "Like Corker, Menendez also rejected…, arguing": a name in a leading comparison is not the subject.
    const intro = pick === 'first' ? LEADING_PHRASE.exec(subject.trimStart()) : null;
    const introEnd = intro ? start + subject.length - subject.trimStart().length + intro[0].length : -1;
    const persons = inHead.filter((n) => n.person && n.start >= introEnd);
    // "Hillary Clinton’s campaign manager Robby Mook said…, arguing": a possessor is not the clause's subject.
    const owns = (n: Named, m: Named | undefined) => !!m && POSSESSED_TITLE.test(text.slice(n.end, m.start));
    const person = pick === 'first' ? persons.find((n, k) => !owns(n, persons[k + 1])) : persons.pop();
    if (pick === 'first' && unnamedLead(head, at, person, persons[0])) return none;
    if (person) return cueSubject(person.entity.name);
    const org = inHead.pop();
    if (org) return cueSubject(org.entity.name);
    if (
      /^(?:the|this|that|our|their)\s/i.test(head) &&
      !/[A-Z]/.test(lastWord(head)) &&
      /\s[a-z][\p{L}-]*$/u.test(head)
    )
      return roleRule(resolveRole(head, at));
    if (/^(?:an?|one|some|two|three|several|many|other|another)\s/i.test(head) || /^[a-z]/.test(head)) return none;
    const caps = /[A-Z][\p{L}’'.-]+(?:\s+[A-Z][\p{L}’'.-]*)*/u.exec(head)?.[0]?.replace(/[’']s?$|\.$/, '');
    if (!caps) return none;
    // A lone capitalised word that modifies a noun ("Republican claims") or names a party or people is no speaker.
    if (MODIFIES.test(head.slice(head.indexOf(caps) + caps.length))) return none;
    // "Cuban said", "From said", "Read said": a surname standing alone as the subject of a speech verb is the person
    // the article named in full, even when the word is also a demonym or an ordinary word.
    const bySurname = /\s/.test(caps) ? undefined : namedBySurname(caps, at);
    if (bySurname) return cueSubject(bySurname.name);
    if (NOT_NAMES.has(caps.toLowerCase()) || GROUPS.has(caps.toLowerCase())) return none;
    const known = byAlias.get(caps);
    if (!known && !/\s/.test(caps) && (PARTISAN.test(caps) || demonymPlace(caps))) return none;
    // A whole clause read for its first name ("Preys on our fears…, and calls"): a lone capital opening it is no name
    // unless the article names someone so.
    if (
      pick === 'first' &&
      !known &&
      !/\s/.test(caps) &&
      /^\W*$/.test(head.slice(0, head.indexOf(caps))) &&
      /^\s+[a-z]/.test(head.slice(head.indexOf(caps) + caps.length))
    )
      return none;
    return cueSubject(known?.name ?? caps);
  };

  const via = (clause: string, start: number): string | undefined => {
    for (const m of clause.matchAll(VIA)) {
      const raw = m[1]!.replace(/[’']s?$|\.$/, '');
      const pos = start + m.index! + m[0].length - m[1]!.length;
      const hit = named.find((n) => n.start >= pos && n.start < pos + raw.length);
      const name = hit?.entity.name ?? byAlias.get(raw)?.name ?? raw;
      if (isOutlet(name) || (hit && hit.entity.aliases.some(isOutlet))) return name;
    }
    return undefined;
  };

  const heard = (at: number, speaker: string | null) => {
    if (speaker) heardAt.push({ at, speaker });
  };

  const reporterBefore = (at: number): string | null => {
    let k = sentenceAt(at);
    if (sentences[k] && sentences[k]!.start <= at && at < sentences[k]!.end) k--;
    const prev = sentences[k];
    if (!prev || !REPORTS.test(prev.text) || /[“”"]/.test(prev.text)) return null;
    const subject = subjectOf(k);
    return subject && people.includes(subject) ? subject.name : null;
  };

  const subjectBefore = (at: number): string | null => {
    const si = sentenceAt(at);
    const s = sentences[si];
    if (!s || at < s.start || at >= s.end) return null;
    const subject = subjectOf(si, at);
    return subject && people.includes(subject) && !noSpeaker(subject.name) ? subject.name : null;
  };

  const mentions = named.filter((n) => !insideQuote(n.start) && !noSpeaker(n.entity.name));
  return {
    resolve,
    resolveWithRule,
    via,
    isOutlet,
    heard,
    reporterBefore,
    subjectBefore,
    mentions,
    sentenceIndex: sentenceAt,
    sentenceSubject: subjectOf,
    topicBefore: (at) => prominentBefore(at, () => true),
    sexOf: sex,
  };
}
