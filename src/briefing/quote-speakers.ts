// Turns the words naming a speaker ("he", "Ri", "the dictator", "Trump lawyer Marc Kasowitz") into the fullest name.
import type { EntityIndex } from './entities.js';
import { lastWord } from './entity-describe.js';
import { FEMALE_FIRST, NOT_NAMES, OUTLET_WORDS, ROLE_NOUNS } from './names-lexicon.js';
import type { Entity } from './types.js';

interface Named {
  start: number;
  end: number;
  entity: Entity;
  person: boolean;
}

export interface SpeakerResolver {
  /** Speaker for the subject words at `start` (absolute offset), or null when nobody can be named. */
  resolve(subject: string, start: number, pick?: 'first' | 'last'): string | null;
  /** The outlet relaying the words in `clause` (absolute offset `start`), if the clause names one. */
  via(clause: string, start: number): string | undefined;
  isOutlet(name: string): boolean;
}

// The noun phrase heading a subject stops at appositives, parentheses and trailing prepositional phrases.
const HEAD_END = /,|\(|\s(?:for|of|at|from|with|in|on|during|to|after|before)\s+(?:the\s|a\s|an\s|his\s|her\s|its\s|[a-z])|\s(?:who|which|whose)\s|\s[—–]\s/;
const VIA = /\b(?:per|according to|told|to|with|on|in an interview with)\s+(?:the\s+|an?\s+)?([A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*)*)/g;

export function speakerResolver(text: string, index: EntityIndex, quoted: Array<{ open: number; close: number }>): SpeakerResolver {
  const named: Named[] = index.mentions
    .filter((m) => m.entity && (m.kind === 'people' || m.kind === 'organizations'))
    .map((m) => ({ start: m.mention.start, end: m.mention.end, entity: m.entity!, person: m.kind === 'people' }));
  const insideQuote = (pos: number) => quoted.some((q) => pos > q.open && pos < q.close);
  const byAlias = new Map<string, Entity>();
  for (const k of ['people', 'organizations'] as const) {
    for (const e of index.entities[k]) for (const n of [e.name, ...e.aliases]) if (!byAlias.has(n)) byAlias.set(n, e);
  }
  const people = index.entities.people;
  const female = (e: Entity) =>
    FEMALE_FIRST.has(e.name.split(/\s+/)[0]!.toLowerCase()) || /\b(?:Mrs|Ms|Miss|First Lady)\b/.test(e.description ?? '');
  const isOutlet = (name: string) => OUTLET_WORDS.has(lastWord(name.replace(/[’']s?$/, '')));

  const recent = (before: number, ok: (n: Named) => boolean): Named | undefined => {
    for (let i = named.length - 1; i >= 0; i--) {
      const n = named[i]!;
      if (n.start < before && ok(n) && !insideQuote(n.start)) return n;
    }
    return undefined;
  };

  const resolveRole = (role: string, before: number): string | null => {
    const fits = new Set(people.filter((e) => new RegExp(`\\b${role}\\b`, 'i').test(e.description ?? '')));
    if (!fits.size) return null;
    const n = recent(before, (x) => x.person && fits.has(x.entity));
    return (n?.entity ?? [...fits][0]!).name;
  };

  const resolve = (subject: string, start: number, pick: 'first' | 'last' = 'last'): string | null => {
    const lead = /^[\s,;:—–-]*(?:(?:and|but|so|then|while|when|as|because|although|though)\s+)*/i.exec(subject)![0].length;
    const s = subject.slice(lead).trimEnd();
    const at = start + lead;
    if (!s) return null;
    const pronoun = /^(he|she|they|it|we|i|you|who|which|this|that)\b/i.exec(s)?.[1]?.toLowerCase();
    if (pronoun === 'he' || pronoun === 'she') {
      const n = recent(at, (x) => x.person && female(x.entity) === (pronoun === 'she'));
      return n?.entity.name ?? null;
    }
    if (pronoun) return null;
    const cut = pick === 'first' ? null : HEAD_END.exec(s);
    const head = cut ? s.slice(0, cut.index) : s;
    const inHead = named.filter((n) => n.start >= at && n.end <= at + head.length && !insideQuote(n.start));
    const persons = inHead.filter((n) => n.person);
    const person = pick === 'first' ? persons[0] : persons.pop();
    if (person) return person.entity.name;
    const org = inHead.pop();
    if (org) return org.entity.name;
    if (/^(?:the|this|that|our|their)\s/i.test(head) && ROLE_NOUNS.has(lastWord(head))) return resolveRole(lastWord(head), at);
    if (/^(?:an?|one|some|two|three|several|many|other|another)\s/i.test(head) || /^[a-z]/.test(head)) return null;
    const caps = /[A-Z][\p{L}’'.-]+(?:\s+[A-Z][\p{L}’'.-]+)*/u.exec(head)?.[0]?.replace(/[’']s?$|\.$/, '');
    if (!caps || NOT_NAMES.has(caps.toLowerCase())) return null;
    return byAlias.get(caps)?.name ?? caps;
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

  return { resolve, via, isOutlet };
}
