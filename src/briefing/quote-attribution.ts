// Finds the words that name who said a quote: the "X said" after it, the "X said:" before it, or "according to X".
import { alternation, perLexicon, type Lexicon } from './lexicon/lexicon.js';

export interface Cue {
  /** The subject words as written, and their absolute offset. */
  subject: string;
  start: number;
  /** How the cue was found; "after" and "dash" sit right next to the quote and are the most reliable. */
  how: 'after' | 'dash' | 'before' | 'according' | 'tail';
  /** A line of its own under the quote names its author ("- Bernie Sanders.", "-President Obama, tweeting…"). */
  signature?: boolean;
  /** Which name in the subject is the speaker: the last ("Trump lawyer Marc Kasowitz") or, for a whole
   * clause standing in for the subject ("Trump was defensive, saying, “…”"), the first. */
  pick: 'first' | 'last';
  /** Absolute offsets of the clause holding the cue, for finding a relaying outlet in it. */
  clauseStart: number;
  clauseEnd: number;
}

const AUX = String.raw`(?:(?:has|had|have|would|will|also|then|now|later|again|once|previously|recently|further|[a-z]+ly)\s+)*`;

/** The patterns built on the lexicon's speech verbs, once per lexicon. */
const verbPatterns = perLexicon((lex: Lexicon) => {
  const VERB = String.raw`(?:${alternation(lex.speechVerbs)})`;
  return {
    // "…,” Trump lawyer Marc Kasowitz said" / "…,” the dictator said" — subject of at most ~12 words, no quote marks.
    AFTER: new RegExp(String.raw`^[\s,]*((?:[^\s“”"]+\s+){0,11}?[^\s“”"]+?)\s+${AUX}(?:${VERB})\b`, 'u'),
    // "…,” said Victor Cha, a Korea scholar" — inverted order, only when a name or article follows the verb.
    // A role of up to three words may come before the name ("said station manager Jo Hart").
    AFTER_INVERTED: new RegExp(
      String.raw`^[\s,]*${VERB}\s+((?:the\s+|an?\s+|\d\S*\s+)?(?:[A-Z]|(?:[a-z]+\s+){1,3}[A-Z])[^;“”"]*)`,
      'u',
    ),
    // "…,” Malkia Cyril, the executive director at the Center and featured in the film, told The Post."
    AFTER_APPOSITIVE: new RegExp(
      String.raw`^\s*,?\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}),\s+(?:an?|the|who|whose|his|her|its)\s[^;“”"]{1,160}?,\s+${AUX}(?:${VERB})\b`,
      'u',
    ),
    // Before a quote, a few phrases work like speech verbs ("as the Times put it, “…”", "went on about “…”").
    BEFORE_VERB: new RegExp(
      String.raw`\b(?:${VERB}|put it|went on about|goes on about|talked about|spoke (?:about|of)|(?:shot|fired|hit|snapped) back)\b`,
      'g',
    ),
    // A speech verb at most a comma and an adverb before the end ("Nefzi said,").
    REPORTED_END: new RegExp(String.raw`\b${VERB}\b(?:\s+[a-z]+ly)?[\s,]*(?:and|but)?\s*$`),
    TAIL: new RegExp(String.raw`,\s+((?:[^\s,“”"]+\s+){0,4}?[^\s,“”"]+)\s+${AUX}${VERB}\b[^,;]{0,40}[.!?]?\s*$`),
    TAIL_INVERTED: new RegExp(
      String.raw`,\s+${VERB}\s+((?:the\s+)?(?:[a-z]+\s+){0,3}\p{Lu}[^,;“”"]{0,80}?)[.!?]?\s*$`,
      'u',
    ),
  };
});
// "…,” when Clinton blasted him": a new clause, not the attribution.
const SUBORDINATE =
  /^\s*,?\s*(?:when|because|after|before|while|if|since|although|though|until|unless|whereas|once)\b/i;
const ABBREVIATION =
  /(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Del|Lt|Col|Sgt|St|Jr|Sr|Rev|Prof|Atty|Ind|Calif|Fla|Mass|Ariz))$/;
const SENTENCE_ADVERB =
  /^(?:meanwhile|however|too|also|though|instead|then|later|now|still|again|moreover|furthermore|separately|similarly|likewise|nonetheless|nevertheless|[a-z]+ly)$/;
// "X and said"; or "and said" alone, when an earlier quote in the sentence cut the clause short.
const ADVERBS_AT_END = /(?:\s+(?:now|then|later|also|still|again|further|[a-z]+ly))+$/;
const COORDINATED = /(?:^|\s)(?:and|but)$/;
const PARTICIPLE =
  /^(?:saying|adding|telling|writing|asking|noting|arguing|explaining|insisting|warning|tweeting|declaring|calling)$/;

// After a fragment quoted mid-sentence, the sentence goes on ("to take “robust steps” in response, and he urged…",
// "A cashier who “steals…” is held accountable, Warren said"): only words that can open a subject start a cue there.
const SUBJECT_START = /^[\s,]*(?:\p{Lu}|(?:he|she|they|we|i|the|a|an|his|her|their|its|one|some)\b)/u;

/** Cuts at the first full stop that is not an abbreviation or initial. */
function toSentenceEnd(s: string): string {
  for (const m of s.matchAll(/\./g)) if (!ABBREVIATION.test(s.slice(0, m.index))) return s.slice(0, m.index);
  return s;
}
const DASH = /^\s*[―—–]\s*([A-Z][^\n“”"]{1,80})$/;
const ACCORDING = /\b(?:according to|per)\s+((?:the\s+|an?\s+)?[^,;]{2,80})/gi;
const TRAILING_AUX = new RegExp(String.raw`\s+${AUX}$`);
const ASIDE = String.raw`(?:an?|the|who|whose|his|her|its|their|at|in|on|during|after|before|from|with|speaking|appearing|writing)`;
// One to three asides, each opening with a lowercase word or a possessor: "Jean-Marc Ayrault, the foreign minister
// of France, a permanent member of the Council, said", "China, Pyongyang's only ally, said"; an aside may end in a
// state or country ("Clinton, at a meeting in Columbus, Ohio, said").
const NAME_THEN_ASIDE = new RegExp(
  String.raw`([A-Z][\w.’'-]*)[\s)]*(?:,\s+(?:${ASIDE}|[a-z][\w-]*|[A-Z][\w.-]*[’']s)\s[^,;:“”"]*(?:,\s+[A-Z][\w.]*(?=,))?){1,3},\s*$`,
);
const CLAUSE_BOUNDARY =
  /[,;:—–―(]\s*|\b(?:that|what|when|while|because|after|before|but|and|as|if|which|who|whom|where|since|though|although)\s+/g;
const PASSIVE_BEFORE = /\b(?:was|were|is|are|be|been|being|get|gets|got)\s+(?:[a-z]+ly\s+)?$/i;
// "late-night tweets", "his remarks", "Trump’s claims": a speech word after a determiner or modifier is a noun.
const NOUN_BEFORE =
  /(?:\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this|of|many|several|some|recent|earlier|latest|new)|[’']s|\w-\w+)\s+$/i;

// Words owned in the possessive: "Donald Trump’s claim that…".
const OWNED_WORDS =
  /((?:\p{Lu}[\p{L}.-]*\s+)*\p{Lu}[\p{L}.-]*)[’']s\s+(?:[a-z-]+\s+){0,2}(?:claims?|statements?|remarks?|comments?|words|promises?|pledges?|assertions?|warnings?|vows?|predictions?|tweets?|accusations?|descriptions?)\b/gu;

// …and the quote follows the noun within a few lowercase words: "…’s claim that there have been “…”".
const OWNED_THEN_QUOTE = /^(?:\s+[\p{Ll}-]+){0,5}\s*[:,]?\s*$/u;

/** Cue in the words right after the closing mark, up to the end of the sentence or the next quote. */
export function cueAfter(lex: Lexicon, tail: string, tailStart: number, innerEndsClause: boolean): Cue | null {
  const { AFTER, AFTER_INVERTED, AFTER_APPOSITIVE } = verbPatterns(lex);
  const dash = DASH.exec(tail);
  if (dash) return cue(dash[1]!, tailStart + tail.indexOf(dash[1]!), 'dash', tailStart, tailStart + tail.length);
  const inv = AFTER_INVERTED.exec(tail);
  if (inv)
    return cue(
      toSentenceEnd(inv[1]!),
      tailStart + inv.index + inv[0].length - inv[1]!.length,
      'after',
      tailStart,
      tailStart + tail.length,
    );
  const long = AFTER_APPOSITIVE.exec(tail);
  if (long) return cue(long[1]!, tailStart + tail.indexOf(long[1]!), 'after', tailStart, tailStart + tail.length);
  const m = AFTER.exec(tail);
  if (!m || SUBORDINATE.test(m[1]!)) return null;
  // "…,” for instance, and Trump vowed…": a clause joined after a comma is the sentence going on.
  if (/,\s+(?:and|but|while|yet|whereas)\s/.test(m[1]!)) return null;
  // "…,” giving states more power": a participle goes on with the sentence ("states" is no verb there).
  if (/^[\s,]*[a-z]+ing\b/.test(m[1]!)) return null;
  const words = m[1]!.split(/\s+/).length;
  // Right after a clause-ending quote the cue may be long ("Rep. X (R-Ohio), an oversight panel member,");
  // after a mid-sentence fragment only a short subject is an attribution.
  if (!innerEndsClause && (words > 4 || !/^[\s,]/.test(tail) || !SUBJECT_START.test(m[1]!))) return null;
  // "…,” but stopped short of calling…": a conjunction then a verb phrase is the sentence going on.
  const joined = /^\s*(?:but|and|or|yet)\s+(?=\S)/i.exec(m[1]!);
  if (joined && !SUBJECT_START.test(m[1]!.slice(joined[0].length))) return null;
  if (
    /[.!?]\s+[A-Z]/.test(m[1]!.replace(/\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Del|Lt|Col|Sgt|St|Jr)\./g, ''))
  )
    return null;
  // "…,” just as Clinton did in 2008, Rendell added": the words before the last comma are an aside; a name after it
  // is the subject.
  const lastClause = /,\s+((?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{L}.’'-]*)$/u.exec(m[1]!);
  const subject = lastClause ? lastClause[1]! : m[1]!;
  return cue(
    subject,
    tailStart + m.index + m[0].indexOf(m[1]!) + m[1]!.length - subject.length,
    'after',
    tailStart,
    tailStart + tail.length,
  );
}

/** Where a speech verb ends that sits at most a comma and an adverb before the end of `upto` ("Nefzi said,"). */
function reportedJustBefore(lex: Lexicon, upto: string): number | null {
  const m = verbPatterns(lex).REPORTED_END.exec(upto);
  return m ? m.index + /^\S+/.exec(m[0])![0].length : null;
}

/** Cue before the opening mark within its sentence: the last speech verb's subject, or "according to X". */
export function cueBefore(lex: Lexicon, head: string, headStart: number): Cue | null {
  let verb: RegExpExecArray | null = null;
  for (const m of head.matchAll(verbPatterns(lex).BEFORE_VERB)) {
    const before = head.slice(Math.max(0, m.index - 40), m.index);
    // "she was called everything from … to a “…”": a passive speech verb's subject is who was spoken of, so it is
    // no cue (an earlier one may still be: "He said … what was said in court but the outcome “…”").
    if (!PASSIVE_BEFORE.test(before) && !NOUN_BEFORE.test(before)) verb = m as RegExpExecArray;
  }
  let according: RegExpExecArray | null = null;
  for (const m of head.matchAll(ACCORDING)) according = m as RegExpExecArray;
  // "Donald Trump’s claim that there have been “thousands of shootings”": the owner of the words said them,
  // unless a speech verb in the sentence makes them its object ("Moore called Mr. Obama's remarks “a wake-up call”").
  let owner: RegExpExecArray | null = null;
  for (const m of head.matchAll(OWNED_WORDS)) owner = m as RegExpExecArray;
  if (owner && !verb && !according && OWNED_THEN_QUOTE.test(head.slice(owner.index + owner[0].length))) {
    return cue(owner[1]!, headStart + owner.index, 'before', headStart, headStart + head.length);
  }
  if (verb && (!according || verb.index > according.index)) {
    // Party-and-state tags "(R-Wis.)" and other asides in brackets are blanked, keeping offsets, so they never split the subject.
    const upto = head
      .slice(0, verb.index)
      .replace(/\([^()]{0,40}\)/g, (p) => ' '.repeat(p.length))
      .replace(/\s+$/, '');
    const stripped = upto.replace(TRAILING_AUX, '').replace(/\s+(?:has|had|have|would|will|also)$/, '');
    // "X, the former secretary, stressed… and said she has…": a verb joined by "and" or "but" shares the sentence's
    // subject, found like a participle's, as the first name of the whole clause.
    if (PARTICIPLE.test(verb[0]) || COORDINATED.test(stripped.replace(ADVERBS_AT_END, '').trim())) {
      // "…, Nefzi said, adding, “…”": a speech verb just before names the one who goes on speaking.
      // "…, with Gorka noting the absurdity of “…”": the participle's own subject.
      const withName = PARTICIPLE.test(verb[0])
        ? /\bwith\s+((?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{L}’'-]*)\s*$/u.exec(upto)
        : null;
      if (withName)
        return cue(
          withName[1]!,
          headStart + withName.index + withName[0].indexOf(withName[1]!),
          'before',
          headStart,
          headStart + head.length,
        );
      const earlier = reportedJustBefore(lex, upto);
      if (earlier !== null) {
        const sub = cueBefore(lex, upto.slice(0, earlier), headStart);
        if (sub && sub.pick === 'last' && /\p{Lu}/u.test(sub.subject))
          return { ...sub, clauseEnd: headStart + head.length };
      }
      return cue(upto, headStart, 'before', headStart, headStart + head.length, 'first');
    }
    // The subject is the last clause before the verb, skipping what sits between commas after a name:
    // an appositive ("X, a historian who was there, recalled") or a setting ("X, at a press gaggle, said").
    const named = NAME_THEN_ASIDE.exec(stripped);
    const subject = named ? stripped.slice(0, named.index + named[1]!.length) : stripped;
    const cuts = [0, ...[...subject.matchAll(CLAUSE_BOUNDARY)].map((b) => b.index + b[0].length), subject.length];
    for (let k = cuts.length - 2, skipped = 0; k >= 0; k--) {
      const piece = subject.slice(cuts[k]!, cuts[k + 1]!).replace(/[,;:—–―(\s]+$/, '');
      if (!piece.trim()) continue;
      // "Hunter, meanwhile, told…": a sentence adverb between commas is no subject.
      if (k > 0 && SENTENCE_ADVERB.test(piece.trim())) continue;
      if (!skipped && /^(?:an?|the|who|whose)\s+[a-z]/.test(piece) && k > 0 && /,\s*$/.test(subject)) {
        skipped = 1;
        continue;
      }
      // "Sanders said, going on to say that…": a participle phrase has the clause's subject, like "saying".
      if (
        k > 0 &&
        /^[a-z]+ing\b/.test(piece) &&
        !/^(?:during|including|according|regarding|concerning|following)\b/.test(piece)
      ) {
        return cue(upto, headStart, 'before', headStart, headStart + head.length, 'first');
      }
      return cue(piece, headStart + cuts[k]!, 'before', headStart, headStart + head.length);
    }
    // "…, said Sen. X, “…”": the name follows the verb.
    const afterVerb = /^\s+((?:the\s+)?[A-Z][^,;:“”"]{1,60})/.exec(head.slice(verb.index + verb[0].length));
    if (afterVerb) {
      const pos = verb.index + verb[0].length + afterVerb[0].length - afterVerb[1]!.length;
      return cue(afterVerb[1]!, headStart + pos, 'before', headStart, headStart + head.length);
    }
    return null;
  }
  // "President Obama is rolling out a new message: “It's about me.”"
  if (!according && /:\s*$/.test(head)) {
    // The clause right before the colon: "With Democrats worried about X, President Y rolled out a message: “…”"
    // …unless what follows the comma opens with no subject ("Mitch McConnell, R-Ky., delivered a message to Trump:").
    const lastComma = head.lastIndexOf(', ');
    const from = lastComma >= 0 && /^\s*[A-Z]/.test(head.slice(lastComma + 2)) ? lastComma + 2 : 0;
    return cue(head.slice(from), headStart + from, 'before', headStart, headStart + head.length, 'first');
  }
  if (according) {
    const pos = according.index + according[0].length - according[1]!.length;
    return cue(according[1]!, headStart + pos, 'according', headStart, headStart + head.length);
  }
  return null;
}

// "- Bernie Sanders." or "-President Obama, tweeting after Clinton's speech.": a name after a dash, then a stop or a comma.
const SIGNATURE = /^[ \t]*[-—–―][ \t]*((?:\p{Lu}[\p{L}.’'-]*[ \t]+){0,3}\p{Lu}[\p{L}’'-]*)[ \t]*(?:[.,]|$)/u;

/** The author signed on the line right under a quote that fills its paragraph. */
export function cueSignature(text: string, blockEnd: number): Cue | null {
  const rest = text.slice(blockEnd, blockEnd + 200);
  const line = /^\s*\n\s*([^\n]*)/.exec(rest);
  if (!line) return null;
  const m = SIGNATURE.exec(line[1]!);
  if (!m) return null;
  const start = blockEnd + line.index + line[0].length - line[1]!.length + line[1]!.indexOf(m[1]!);
  return { ...cue(m[1]!, start, 'dash', start, start + m[1]!.length), signature: true };
}

/** "…the “rigged” system, Trump said." — an attribution at the sentence's end, away from the quote. */
export function cueTail(lex: Lexicon, tail: string, tailStart: number): Cue | null {
  const { TAIL, TAIL_INVERTED } = verbPatterns(lex);
  const m = TAIL.exec(tail);
  if (!m) {
    // "…” in the 2008 primary, said professor Paul Beck.": the inverted order.
    const inv = TAIL_INVERTED.exec(tail);
    if (!inv) return null;
    const pos = tailStart + inv.index + inv[0].indexOf(inv[1]!, inv[0].search(/\s/));
    return cue(inv[1]!, pos, 'tail', tailStart, tailStart + tail.length);
  }
  return cue(m[1]!, tailStart + m.index + m[0].indexOf(m[1]!), 'tail', tailStart, tailStart + tail.length);
}

function cue(
  subject: string,
  start: number,
  how: Cue['how'],
  clauseStart: number,
  clauseEnd: number,
  pick: Cue['pick'] = 'last',
): Cue {
  return { subject, start, how, clauseStart, clauseEnd, pick };
}
