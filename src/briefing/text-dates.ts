// Dates as written in bylines and datelines ("November 22, 2024", "3 March 2014", "Published: 2025-03-03"), as ISO prefixes.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** "November 22, 2024" and "22 November 2024" (day optional), anywhere in the string. */
export const MONTH_DATE = new RegExp(
  `\\b(?:${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+((?:19|20)\\d{2})|${MONTH},?\\s+((?:19|20)\\d{2}))\\b`,
  'i',
);

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function iso(year: string, month: number, day?: string): string {
  const mm = String(month).padStart(2, '0');
  if (!day) return `${year}-${mm}`;
  const d = Number(day);
  // An impossible day means we misread the string; keep only what is certain.
  return d >= 1 && d <= 31 ? `${year}-${mm}-${String(d).padStart(2, '0')}` : `${year}-${mm}`;
}

/** The first month-name date in `text` as "YYYY-MM-DD" (or "YYYY-MM" without a day), else null. */
export function parseMonthDate(text: string): string | null {
  const m = MONTH_DATE.exec(text);
  if (!m) return null;
  if (m[1]) return iso(m[3]!, monthNumber(m[1]), m[2]);
  if (m[5]) return iso(m[6]!, monthNumber(m[5]), m[4]);
  return iso(m[8]!, monthNumber(m[7]!));
}

// "PUBLISHED: 12:00 EST, 3 March 2014", "Updated on November 3, 2014", "Last updated at 10:02 GMT, 4 May 2015".
const STAMP =
  /\b(?:published|updated|posted|last updated)\b(?:\s+(?:on|at))?\s*:?[^|\n]{0,40}?(?=\b\d{1,2}\s+[A-Z]|\b[A-Z][a-z]+\.?\s+\d)/i;

// "Published: 2025-03-03", "Updated 2025-03-03T09:30Z": an ISO date in a stamp, kept to the day.
const ISO_STAMP =
  /\b(?:published|updated|posted|last updated|date)\b(?:\s+(?:on|at))?\s*:?\s*((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/i;
const ISO_LINE =
  /^(?:[A-Z][\p{L} ,]{0,24}\s)?((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u;

/** The article's own date from a publication stamp or a line that is only a date, else null. */
export function articleDate(head: string): string | null {
  const iso = ISO_STAMP.exec(head);
  const stamp = STAMP.exec(head);
  // The first stamp is the publication's; a later one is an update.
  if (iso && (!stamp || iso.index <= stamp.index)) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  if (stamp) {
    const date = parseMonthDate(head.slice(stamp.index + stamp[0].length, stamp.index + stamp[0].length + 40));
    if (date) return date;
  }
  for (const line of head.split('\n').slice(0, 3)) {
    const trimmed = line.trim();
    const m = MONTH_DATE.exec(trimmed);
    // A dateline is the date alone, perhaps with a weekday or place before it.
    if (m && trimmed.length - m[0].length < 25 && !/[.!?]$/.test(trimmed)) return parseMonthDate(trimmed);
    const isoLine = ISO_LINE.exec(trimmed);
    if (isoLine) return `${isoLine[1]}-${isoLine[2]}-${isoLine[3]}`;
  }
  return null;
}
