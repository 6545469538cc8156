// Turns the words naming a speaker ("he", "Ri", "the dictator", "Trump lawyer Marc Kasowitz") into the fullest name.
import type { EntityIndex } from './entities.js';
import { lastWord } from './entity-describe.js';
import { demonymPlace } from './mention-kind.js';
import type { Lexicon } from './lexicon/lexicon.js';
import { speakerContext, type Named } from './speaker-context.js';

export type { Named };
import {
  HEAD_END,
  isSubjectLead,
  LEADING_PHRASE,
  MODIFIES,
  noSpeaker,
  PARTISAN,
  POSSESSED,
  POSSESSED_TITLE,
  reports,
  VIA,
} from './speaker-words.js';
import type { Entity, QuoteRule, Sentence } from './types.js';

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

export interface Decision {
  speaker: string | null;
  rule: QuoteRule;
}

export function speakerResolver(
  text: string,
  index: EntityIndex,
  quoted: Array<{ open: number; close: number }>,
  sentences: Sentence[],
  lex: Lexicon,
): SpeakerResolver {
  const {
    named,
    insideQuote,
    byAlias,
    people,
    said,
    female,
    learned,
    sex,
    isOutlet,
    sentenceAt,
    heardAt,
    namedBySurname,
    unnamedLead,
    possessive,
    recent,
    subjectOf,
    prominentBefore,
    resolveRole,
  } = speakerContext(text, index, quoted, sentences, lex);

  const resolveWithRule = (subject: string, start: number, pick: 'first' | 'last' = 'last'): Decision => {
    const { speaker: name, rule } = resolveName(subject, start, pick);
    // A bare title or role word ("Secretary") is what was said about someone, not who.
    const bare =
      name && !/\s/.test(name) && (lex.honorifics.has(name.toLowerCase()) || lex.roleNouns.has(name.toLowerCase()));
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
      return first &&
        !first.person &&
        isSubjectLead(lex, text.slice(here.start, first.start).replace(/^\s*the\s+$/i, ''))
        ? pronounRule(first.entity.name)
        : none;
    }
    if (pronoun) return none;
    const cut = pick === 'first' ? null : HEAD_END.exec(s);
    const head = cut ? s.slice(0, cut.index) : s;
    const inHead = named.filter(
      (n) => n.start >= at && n.end <= at + head.length && !insideQuote(n.start) && !noSpeaker(lex, n.entity.name),
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
    if (lex.notNames.has(caps.toLowerCase()) || lex.groups.has(caps.toLowerCase())) return none;
    const known = byAlias.get(caps);
    if (!known && !/\s/.test(caps) && (PARTISAN.test(caps) || demonymPlace(lex, caps))) return none;
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
    if (!prev || !reports(lex).test(prev.text) || /[“”"]/.test(prev.text)) return null;
    const subject = subjectOf(k);
    return subject && people.includes(subject) ? subject.name : null;
  };

  const subjectBefore = (at: number): string | null => {
    const si = sentenceAt(at);
    const s = sentences[si];
    if (!s || at < s.start || at >= s.end) return null;
    const subject = subjectOf(si, at);
    return subject && people.includes(subject) && !noSpeaker(lex, subject.name) ? subject.name : null;
  };

  const mentions = named.filter((n) => !insideQuote(n.start) && !noSpeaker(lex, n.entity.name));
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
