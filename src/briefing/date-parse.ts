// Date phrases in a sentence, read as ISO prefixes; relative ones are resolved against an anchor date when given.

export interface DateHit {
  phrase: string;
  start: number;
  end: number;
  /** ISO prefix, or null when the phrase needs an anchor that is missing or too coarse. */
  date: string | null;
}

const MONTH_FULL = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-12-02" (a time after it is ignored) as "December 2, 2026", the way the date finders read it; null when not ISO. */
export function isoToMonthDate(iso: string | null | undefined): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  const name = m ? MONTH_FULL[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${Number(m[3])}, ${m[1]}` : null;
}

/** A whole word that is a month's or a weekday's full name ("March", "Tuesday"), capitalised as written. */
export const CALENDAR_WORD = new RegExp(
  `^(?:${[...MONTH_FULL, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].join('|')})$`,
);

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = String.raw`(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d{2})(?![\d,.]\d)`;
// A bare year only counts after words that make it a date, so "1,000 troops" or "Covid-19" never become years.
const YEAR_CONTEXT = String.raw`(?:in|since|by|until|till|from|of|during|before|after|through|between|and|or|to|early|late|mid|circa|around|spring|summer|fall|autumn|winter|year|the)`;

interface Rule {
  re: RegExp;
  /** What the sentence must hold for the rule to have a chance; most sentences hold no date at all. */
  needs: number;
  /** `ahead`: the phrase follows a future marker in its clause ("work will start in March"). */
  read: (m: RegExpExecArray, anchor: Anchor | null, ahead: boolean) => string | null;
}

/** "will", "is expected to", "plans to" … shortly before a date phrase, with no clause break between. */
const FUTURE_BEFORE =
  /\b(?:will|won[’']t|shall|(?:is|are|was|were) (?:expected|due|set|scheduled|planned|going) to|plans? to|aims? to|intends? to)\b[^,;.:"“”]{0,50}$/i;

interface Anchor {
  y: number;
  m?: number;
  d?: number;
}

/** Cheap facts about a sentence, computed once, that rules need before running their full pattern. */
const Need = { Digit: 1, Month: 2, Year: 4, Weekday: 8, Near: 16, Span: 32 } as const;
const MONTH_QUICK = /\b(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sep|Oct|Nov|Dec)/;
const YEAR_QUICK = /(?:19|20)\d{2}/;
const WEEKDAY_QUICK = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/;
const NEAR_QUICK = /yesterday|today|tomorrow/i;
const SPAN_QUICK = /week|month|year/i;

function facts(text: string): number {
  let f = 0;
  if (/\d/.test(text)) {
    f |= Need.Digit;
    if (YEAR_QUICK.test(text)) f |= Need.Year;
  }
  if (MONTH_QUICK.test(text)) f |= Need.Month;
  if (WEEKDAY_QUICK.test(text)) f |= Need.Weekday;
  if (NEAR_QUICK.test(text)) f |= Need.Near;
  if (SPAN_QUICK.test(text)) f |= Need.Span;
  return f;
}

const pad = (n: number) => String(n).padStart(2, '0');
const month = (name: string) => MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const ymd = (y: number, m?: number, d?: number) => (m ? (d ? `${y}-${pad(m)}-${pad(d)}` : `${y}-${pad(m)}`) : `${y}`);
const validDay = (d: string) => Number(d) >= 1 && Number(d) <= 31;

function shiftDays(a: Anchor, days: number): Anchor {
  const t = new Date(Date.UTC(a.y, a.m! - 1, a.d! + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** A month named without a year: the latest such month not after the anchor, unless "next" says otherwise. */
function monthYear(m: number, a: Anchor, when: string, ahead = false): number {
  if (/next/i.test(when)) return a.m && m <= a.m ? a.y + 1 : a.y;
  // "Work will start in March", written in November: next March. News speaks of the past otherwise.
  if (ahead && !/last|past|since/i.test(when) && a.m && m < a.m) return a.y + 1;
  if (/last|past/i.test(when) && a.m) return m >= a.m ? a.y - 1 : a.y;
  return a.y;
}

const RULES: Rule[] = [
  { needs: Need.Year, re: /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g, read: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  {
    needs: Need.Month | Need.Year,
    re: new RegExp(String.raw`\b(${MONTH})\s+${DAY},?\s+${YEAR}`, 'g'),
    read: (m) => (validDay(m[2]!) ? ymd(+m[3]!, month(m[1]!), +m[2]!) : ymd(+m[3]!, month(m[1]!))),
  },
  {
    needs: Need.Month | Need.Year,
    re: new RegExp(String.raw`\b${DAY}\s+(${MONTH}),?\s+${YEAR}`, 'g'),
    read: (m) => (validDay(m[1]!) ? ymd(+m[3]!, month(m[2]!), +m[1]!) : ymd(+m[3]!, month(m[2]!))),
  },
  {
    needs: Need.Month | Need.Year,
    re: new RegExp(String.raw`\b(?:(?:early|late|mid-?)\s*)?(${MONTH}),?\s+(?:of\s+)?${YEAR}`, 'g'),
    read: (m) => ymd(+m[2]!, month(m[1]!)),
  },
  {
    needs: Need.Month | Need.Digit,
    re: new RegExp(String.raw`\b(${MONTH})\s+${DAY}\b(?!,?\s+(?:19|20)\d{2})(?![:.]\d)`, 'g'),
    read: (m, a, ahead) =>
      a && validDay(m[2]!) ? ymd(monthYear(month(m[1]!), a, '', ahead), month(m[1]!), +m[2]!) : null,
  },
  {
    needs: Need.Month,
    re: new RegExp(String.raw`\b(in|last|this|next|since|by|until|early|late|mid-?)\s+(${MONTH})\b(?!\s+\d)`, 'g'),
    read: (m, a, ahead) => (a ? ymd(monthYear(month(m[2]!), a, m[1]!, ahead), month(m[2]!)) : null),
  },
  {
    needs: Need.Weekday,
    re: /\b((?:last|this|next|on|past)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
    read: (m, a) => {
      if (!a?.d) return null;
      const want = WEEKDAYS.indexOf(m[2]!.toLowerCase());
      const today = new Date(Date.UTC(a.y, a.m! - 1, a.d)).getUTCDay();
      // News speaks of the past: a bare weekday is the latest one up to the article's own day, "last" one
      // strictly before it, "next" the first after it.
      const back = (today - want + 7) % 7;
      const when = (m[1] ?? '').toLowerCase();
      const delta = when.startsWith('next')
        ? (want - today + 7) % 7 || 7
        : -(when.startsWith('last') ? back || 7 : back);
      const t = shiftDays(a, delta);
      return ymd(t.y, t.m, t.d);
    },
  },
  {
    needs: Need.Near,
    re: /\b(yesterday|today|tomorrow)\b/gi,
    read: (m, a) => {
      if (!a?.d) return null;
      const t = shiftDays(a, { yesterday: -1, today: 0, tomorrow: 1 }[m[1]!.toLowerCase() as 'today']);
      return ymd(t.y, t.m, t.d);
    },
  },
  {
    needs: Need.Span,
    re: /\b(this|last|next|past)\s+(week|month|year)\b/gi,
    read: (m, a) => {
      if (!a) return null;
      const dir = /this/i.test(m[1]!) ? 0 : /next/i.test(m[1]!) ? 1 : -1;
      const unit = m[2]!.toLowerCase();
      if (unit === 'year') return ymd(a.y + dir);
      if (!a.m) return null;
      if (unit === 'month') {
        const t = new Date(Date.UTC(a.y, a.m - 1 + dir, 1));
        return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1);
      }
      if (!a.d) return dir === 0 ? ymd(a.y, a.m) : null;
      // An ISO prefix cannot name a week; the month holding the week's anchor day is the honest prefix.
      const t = shiftDays(a, dir * 7);
      return ymd(t.y, t.m);
    },
  },
  {
    needs: Need.Year,
    re: new RegExp(
      String.raw`(?<=\b${YEAR_CONTEXT}[\s-]+|\b(?:19|20)\d{2}(?:,| and| or| to|–|-)\s?)${YEAR}\b(?!-\d)(?!\s+of\b)`,
      'gi',
    ),
    read: (m) => m[1]!,
  },
];

export function parseAnchor(iso: string | null): Anchor | null {
  const m = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null;
  if (!m) return null;
  return { y: +m[1]!, ...(m[2] ? { m: +m[2] } : {}), ...(m[3] ? { d: +m[3] } : {}) };
}

/** Every date phrase in `text`, longest reading first where two overlap, in text order. */
export function findDates(text: string, anchor: Anchor | null): DateHit[] {
  const hits: DateHit[] = [];
  const has = facts(text);
  if (!has) return hits;
  for (const rule of RULES) {
    if ((has & rule.needs) !== rule.needs) continue;
    const re = rule.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) re.lastIndex++;
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && h.start < end)) continue;
      const ahead = anchor !== null && FUTURE_BEFORE.test(text.slice(Math.max(0, start - 80), start));
      hits.push({ phrase: m[0], start, end, date: rule.read(m, anchor, ahead) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
