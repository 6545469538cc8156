// The shape of a question decides how it is answered: "who is X" from the entities, "what did X say" from the
// quotes, "when" / "how many" / "why" / "where" from the sentence that carries a date, a number or a reason.

export type Shape = 'who-is' | 'said' | 'when' | 'why' | 'how-many' | 'where' | 'other';

export interface Question {
  shape: Shape;
  /** The question, tidied (contractions opened, trailing punctuation gone). */
  text: string;
  /** What the question asks about, without its shape words: the words a sentence must cover. */
  focus: string;
  /** X in "who is X" and "what did X say". */
  subject?: string;
  /** Y in "what did X say about Y". */
  topic?: string;
  /** "how old" asks for an age, which a bare number does not give. */
  age?: boolean;
}

const SPEECH =
  'say|said|saying|says|tell|told|claim|claimed|state|stated|report|reported|write|wrote|add|added|announce|announced|think|thought|argue|argued|warn|warned|reveal|revealed|mean|reply|replied|respond|responded';

interface Pattern {
  shape: Shape;
  re: RegExp;
  /** Builds the question from the match; the default takes the text after the match as the focus. */
  build?: (m: RegExpExecArray, text: string) => Omit<Question, 'text'>;
}

const PATTERNS: Pattern[] = [
  {
    shape: 'said',
    re: new RegExp(
      `^(?:and |so )?what (?:did|does|do|has|have|had|is|was|were|are) (.+?) (?:${SPEECH})(?: (.+))?$`,
      'i',
    ),
    build: (m) => said(m[1]!, m[2]),
  },
  {
    shape: 'said',
    re: /^what (?:was|were|has been|is) (?:said|written|reported) by (.+?)(?: about (.+))?$/i,
    build: (m) => said(m[1]!, m[2]),
  },
  {
    shape: 'said',
    re: /^(?:show me |give me |any )?quotes? (?:from|by) (.+?)(?: about (.+))?$/i,
    build: (m) => said(m[1]!, m[2]),
  },
  { shape: 'said', re: /^how did (.+?) (?:respond|react|reply)(?: to (.+))?$/i, build: (m) => said(m[1]!, m[2]) },
  {
    shape: 'who-is',
    re: /^(?:who|what) (?:is|was|are|were) (.+)$|^tell me about (.+)$/i,
    build: (m) => {
      const subject = stripArticle(m[1] ?? m[2]!);
      return { shape: 'who-is', subject, focus: subject };
    },
  },
  {
    shape: 'when',
    re: /^(?:until |since |by |from )?when\b|^(?:on |in )?what (?:date|day|time|year|month|week)\b|^how long ago\b/i,
  },
  {
    shape: 'why',
    re: /^why\b|^how come\b|^for what reason\b|^what (?:caused|causes|led to|prompted|triggered|is the reason|was the reason)\b/i,
  },
  {
    shape: 'how-many',
    re: /^how (?:many|much|old|far|long|big|large|tall|often|high)\b|^what (?:is|was|were|are) the (?:number|total|amount|cost|price|age|distance|size|score)\b/i,
  },
  { shape: 'where', re: /^where\b|^(?:in |at )?what (?:city|country|place|town|venue|location)\b/i },
];

function said(subject: string, rawTopic: string | undefined): Omit<Question, 'text'> {
  const s = stripArticle(subject);
  const topic = rawTopic?.replace(/^(?:about|on|regarding|of|to|concerning)\s+/i, '').trim() || undefined;
  return topic ? { shape: 'said', subject: s, topic, focus: `${s} ${topic}` } : { shape: 'said', subject: s, focus: s };
}

function stripArticle(text: string): string {
  return text.replace(/^(?:the|a|an)\s+/i, '').trim();
}

/**
 * Drops chat syntax (mentions, channel pings, markdown, link targets) so only the words are read, opens
 * contractions and trims, so patterns see "who is" for "@everyone **who's**".
 */
export function tidy(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/(^|\s)@[\w.-]+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[*_~`|>]+/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(who|what|where|when|how)'s\b/i, '$1 is')
    .replace(/^(who|what|where|when|how)'re\b/i, '$1 are')
    .replace(/\b(did|does|do|is|was|has|have)n't\b/gi, '$1 not')
    .replace(/[\s?!.;:,]+$/, '');
}

export function questionShape(input: string): Question {
  // One question at a time: what follows the first question mark is a second question or noise.
  const first = /^[^?]*[\p{L}\p{N}][^?]*\?/u.exec(input)?.[0] ?? input;
  const text = tidy(first);
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(text);
    if (!m) continue;
    // "Who is quoted?" and "what is happening" are not about a someone: only a subject with a content word is.
    if (pattern.build) {
      const built = pattern.build(m, text);
      if (built.subject !== undefined && !/[\p{L}\p{N}]/u.test(built.subject)) continue;
      return { ...built, text };
    }
    const focus = text.slice(m[0].length).trim();
    return /^how old\b/i.test(text)
      ? { shape: pattern.shape, text, focus, age: true }
      : { shape: pattern.shape, text, focus };
  }
  return { shape: 'other', text, focus: text };
}
