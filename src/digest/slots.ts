// The scheduled instants ("slots") of a cron expression in a time zone, as a pure function of (expression, zone,
// from, to). The scheduler and the tests use this; node-cron only wakes the scheduler up.
import { validateDetailed } from 'node-cron';
import { addDays, wallClock, weekday, zonedInstant, type WallTime } from './zoned-time.js';
import { BoundedMap } from '../core/bounded-map.js';

export interface CronFields {
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  weekdays: number[];
}

export type CronResult = { ok: true; fields: CronFields } | { ok: false; error: string };

const FIELD_NAMES: Record<string, string> = {
  second: 'seconds',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day of month',
  month: 'month',
  dayOfWeek: 'day of week',
};

const parsed = new BoundedMap<string, CronResult>(500);

/** Reads a 5-field cron expression with node-cron's own parser, keeping what digests support. Results are cached. */
export function parseCron(expression: string): CronResult {
  let result = parsed.get(expression);
  if (!result) {
    result = parseUncached(expression);
    // node-cron's parser is slow and every wake-up reads every stored schedule; a few hundred entries is plenty.
    parsed.set(expression, result);
  }
  return result;
}

function parseUncached(expression: string): CronResult {
  const text = expression.trim().replace(/\s+/g, ' ');
  if (!text) return { ok: false, error: 'The schedule is empty.' };
  const fieldCount = text.startsWith('@') ? 5 : text.split(' ').length;
  if (fieldCount !== 5) {
    return {
      ok: false,
      error: `A cron schedule has 5 fields (minute hour day-of-month month day-of-week), not ${fieldCount}: "${clip(text)}".`,
    };
  }
  const result = validateDetailed(text);
  if (!result.valid || !result.fields) {
    const first = result.errors[0];
    const field = first ? (FIELD_NAMES[first.field] ?? first.field) : 'expression';
    const detail =
      first?.value !== undefined && first.field !== 'expression'
        ? `"${clip(String(first.value))}" is not a valid ${field}`
        : (first?.message ?? 'it is not valid');
    return { ok: false, error: `"${clip(text)}" is not a valid cron schedule: ${detail}.` };
  }
  const f = result.fields;
  const special = [...f.dayOfMonth, ...f.dayOfWeek].find((v) => typeof v !== 'number');
  if (special !== undefined) {
    return {
      ok: false,
      error: `"${clip(text)}" uses "${String(special)}", which digest schedules do not support (L, W and # are not allowed).`,
    };
  }
  if (f.second.length !== 1 || f.second[0] !== 0)
    return { ok: false, error: 'Digest schedules run on whole minutes; seconds are not supported.' };
  const sorted = (values: (number | string)[]) => [...new Set(values as number[])].sort((a, b) => a - b);
  return {
    ok: true,
    fields: {
      minutes: sorted(f.minute),
      hours: sorted(f.hour),
      daysOfMonth: sorted(f.dayOfMonth),
      months: sorted(f.month),
      weekdays: sorted(f.dayOfWeek),
    },
  };
}

// node-cron requires the day of month AND the day of week to match (Vixie cron ORs them when both are set);
// slots follow node-cron so the trigger and the ledger agree.
function dayMatches(fields: CronFields, wall: WallTime): boolean {
  return (
    fields.months.includes(wall.month) &&
    fields.daysOfMonth.includes(wall.day) &&
    fields.weekdays.includes(weekday(wall))
  );
}

const MAX_OFFSET_MS = 15 * 3_600_000;

/** Every slot in (fromMs, toMs], ascending. Wall times in a DST gap move forward; repeated ones happen once. */
export function computeSlots(fields: CronFields, zone: string, fromMs: number, toMs: number, limit = 10_000): number[] {
  if (!(toMs > fromMs)) return [];
  const found = new Set<number>();
  // A slot's instant can sit a few hours off its wall date around a transition, so look one day either side.
  let day = addDays(wallClock(fromMs, zone), -1);
  const last = addDays(wallClock(toMs, zone), 1);
  const key = (w: WallTime) => w.year * 10_000 + w.month * 100 + w.day;
  while (key(day) <= key(last)) {
    if (dayMatches(fields, day)) {
      for (const hour of fields.hours) {
        for (const minute of fields.minutes) {
          // Every zone's offset is within -12h…+14h, so most candidates are ruled out without asking Intl.
          const asUtc = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
          if (asUtc - MAX_OFFSET_MS > toMs || asUtc + MAX_OFFSET_MS <= fromMs) continue;
          const t = zonedInstant({ ...day, hour, minute }, zone);
          if (t > fromMs && t <= toMs) found.add(t);
        }
      }
      if (found.size > limit) break;
    }
    day = addDays(day, 1);
  }
  return [...found].sort((a, b) => a - b).slice(0, limit);
}

/** The next `count` slots after `fromMs`, looking at most `horizonDays` ahead. */
export function nextSlots(
  fields: CronFields,
  zone: string,
  fromMs: number,
  count: number,
  horizonDays = 400,
): number[] {
  const out: number[] = [];
  let start = fromMs;
  // Walk in month-sized windows so a yearly schedule does not cost a year of minutes at once.
  for (let i = 0; i < Math.ceil(horizonDays / 31) && out.length < count; i++) {
    const end = start + 31 * 86_400_000;
    out.push(...computeSlots(fields, zone, start, end, count - out.length));
    start = end;
  }
  return out.slice(0, count);
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
