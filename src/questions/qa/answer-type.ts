// Reading the question: the kind of answer it expects, from its question word and the noun after it ("what year"
// is a date, "which city" a place, "how many" a number, "who" a person, "why" a reason, "how" a manner).
import { tidy } from '../question-shape.js';

export type AnswerType =
  'person' | 'org' | 'place' | 'date' | 'number' | 'description' | 'reason' | 'manner' | 'quote' | 'yesno' | 'thing';

export const ANSWER_TYPES: AnswerType[] = [
  'person',
  'org',
  'place',
  'date',
  'number',
  'description',
  'reason',
  'manner',
  'quote',
  'yesno',
  'thing',
];

const HEAD_NOUNS: Array<[RegExp, AnswerType]> = [
  [/^(?:year|years|date|day|days|month|months|century|centuries|decade|decades|time|period|era|age|season)\b/, 'date'],
  [
    /^(?:city|cities|country|countries|place|places|town|towns|state|states|region|regions|location|locations|area|areas|continent|island|islands|river|rivers|province|county|nation|street|building|venue|site|port|capital)\b/,
    'place',
  ],
  [
    /^(?:company|companies|organi[sz]ation|organi[sz]ations|group|groups|party|parties|team|teams|university|universities|school|schools|agency|agencies|institution|institutions|club|clubs|firm|firms|body|network|newspaper|church|army|court|government)\b/,
    'org',
  ],
  [
    /^(?:person|people|man|men|woman|women|king|queen|president|leader|leaders|emperor|scientist|writer|author|player|general|ruler|artist|composer|architect|bishop|pope|minister)\b/,
    'person',
  ],
  [
    /^(?:percentage|percent|number|amount|proportion|fraction|total|size|distance|length|height|weight|temperature|speed|population|cost|price|rate)\b/,
    'number',
  ],
];

/** The answer type a question expects. */
export function answerType(question: string): AnswerType {
  const q = tidy(question)
    .toLowerCase()
    .replace(/^(?:and|so|ok|okay|then)\s+/, '');
  if (/^(?:what|how) did .+ (?:say|tell|write|claim|state)\b/.test(q) || /^what (?:was|were|is) said\b/.test(q))
    return 'quote';
  if (/^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/.test(q)) return 'yesno';
  if (/\bwhen\b/.test(q.split(' ').slice(0, 3).join(' ')) || /^(?:since |until |by |from )?when\b/.test(q))
    return 'date';
  if (
    /^(?:in |on |at |by |during |from )?(?:what|which) (?:year|date|day|month|century|decade|time|period|era)\b/.test(q)
  )
    return 'date';
  if (/^how (?:many|much|long|old|far|big|large|tall|often|high|deep|wide|fast)\b/.test(q))
    return q.startsWith('how long ago') ? 'date' : 'number';
  if (
    /^why\b|^how come\b|^for what (?:reason|purpose)\b|^what (?:caused|causes|led to|prompted|is the reason|was the reason)\b/.test(
      q,
    )
  )
    return 'reason';
  if (/^where\b/.test(q)) return 'place';
  if (/^(?:who|whom|whose)\b/.test(q)) return /^who (?:is|was|are|were) [^ ]+$/.test(q) ? 'description' : 'person';
  if (/^how\b/.test(q)) return 'manner';
  const wh =
    /(?:^|\b(?:in|on|at|by|of|for|from|to|with|during)\s+)(?:what|which)\s+(?:(?:kind|type|sort|form|name) of\s+)?([a-z]+)/.exec(
      q,
    );
  if (wh) {
    for (const [re, type] of HEAD_NOUNS) if (re.test(wh[1]!)) return type;
  }
  if (/^(?:what|who) (?:is|was|are|were) (?:an? |the )?[^ ]+(?: [^ ]+)?$/.test(q)) return 'description';
  return 'thing';
}
