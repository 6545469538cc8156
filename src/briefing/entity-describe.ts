// Short descriptions of people from the words the article puts around their names ("its dictator, Kim Jong-un").
import { ROLE_NOUNS } from './names-lexicon.js';
import type { Mention } from './entity-mentions.js';
import type { Sentence } from './types.js';

const MAX = 90;
const COURTESY = /^(?:Mr|Mrs|Ms|Miss|Mx)\.?$/;

/** Descriptors for one mention, most specific first. */
export function describeMention(m: Mention, s: Sentence): string[] {
  const rel = m.start - s.start;
  // Descriptors sit close to the name; bounded windows keep the end-anchored patterns linear.
  const before = s.text.slice(Math.max(0, rel - 120), rel);
  const after = s.text.slice(rel + m.name.length, rel + m.name.length + 120);
  const out: string[] = [];
  if (m.title) out.push(m.title);
  // "X, a Miami lawyer who ..., said" — stop at the next comma so the clause stays short.
  const appositive = /^[’']?s?,\s+((?:a|an|the|who|whose|its|his|her)\s[^,;:.“”"()]{2,80}?)(?=,|;|\.|$| said| says| told)/.exec(after);
  if (appositive) out.push(appositive[1]!.trim());
  // The remaining patterns all end in whitespace right before the name; test their last word first,
  // since scanning end-anchored patterns over every mention's window is what costs.
  const trimmed = before.trimEnd();
  if (trimmed.length === before.length) return finish(out);
  const endWord = trailingWord(trimmed);
  // "an ex-diplomat and “elite defector” named X"
  if (endWord === 'named' || endWord === 'called') {
    const named = /((?:an?|the)\s[^,;:.]{2,80}?)\s+(?:named|called)\s+$/.exec(before);
    if (named) out.push(named[1]!.trim());
  }
  // "its dictator, X" / "the senator, X"
  if (trimmed.endsWith(',')) {
    const role = /(?:^|\s)(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?)\s+((?:[a-z][\w’'-]*\s+){0,3}[a-z][\w’'-]*),\s+$/.exec(before);
    if (role && ROLE_NOUNS.has(lastWord(role[1]!))) out.push(role[1]!);
  }
  // "North Korea’s X", "Trump lawyer X", "Democratic nominee X"
  if (trimmed.endsWith('’s') || trimmed.endsWith("'s")) {
    const possessor = /([A-Z][\p{L}\s.-]{1,40}?[’']s)\s+$/u.exec(before);
    if (possessor) out.push(possessor[1]!.trim());
  }
  if (ROLE_NOUNS.has(endWord)) {
    const bare = /(?:^|[\s(])((?:[A-Z][\w.-]*\s+)?(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]+))\s+$/.exec(before);
    if (bare && ROLE_NOUNS.has(bare[2]!) && !/^(?:the|a|an)\s/.test(bare[1]!)) out.push(bare[1]!.trim());
  }
  return finish(out);
}

/** The trailing run of word characters and hyphens. */
function trailingWord(s: string): string {
  let i = s.length;
  while (i > 0 && /[\w-]/.test(s[i - 1]!)) i--;
  return s.slice(i);
}

function finish(out: string[]): string[] {
  return out.map((d) => (d.length > MAX ? `${d.slice(0, MAX - 1)}…` : d));
}

export function lastWord(phrase: string): string {
  return (/([\p{L}-]+)\W*$/u.exec(phrase)?.[1] ?? '').toLowerCase();
}

/** Joins a person's distinct descriptors, first-introduced first. */
export function joinDescriptions(all: string[]): string | undefined {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const d of all) {
    // "Mr." says nothing worth showing (it still tells the quote stage who "she" can be).
    if (COURTESY.test(d)) continue;
    const key = d.toLowerCase();
    if (seen.has(key) || kept.some((k) => k.toLowerCase().includes(key))) continue;
    seen.add(key);
    kept.push(d);
    if (kept.length === 3) break;
  }
  return kept.length ? kept.join('; ') : undefined;
}
