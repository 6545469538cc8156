// Month-name dates as written in bylines and datelines ("November 22, 2024", "3 March 2014"), as ISO prefixes.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

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
