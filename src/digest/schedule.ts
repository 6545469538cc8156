// What an admin may type as a schedule: a cron expression or a friendly form ("daily 08:00", "weekdays 07:30",
// "mon,thu 09:00"), plus quiet hours ("22:00-07:00"). Every refusal says what was wrong.
import { computeSlots, parseCron, type CronFields } from './slots.js';
import { readTimeZone, type TimeZoneResult } from '../core/time-zone.js';
import { wallClock } from './zoned-time.js';

export interface Schedule {
  cron: string;
  /** As typed, for /digest list. */
  label: string;
  fields: CronFields;
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

/** Digests summarise; more than one every 15 minutes would only be noise in a channel. */
export const MIN_INTERVAL_MINUTES = 15;

const FULL_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_SETS: Record<string, string> = { daily: '*', everyday: '*', weekdays: '1-5', weekends: '0,6' };

export const SCHEDULE_HELP =
  'Use a cron expression ("0 8 * * *") or "daily 08:00", "weekdays 07:30", "weekends 10:00", "mon,thu 09:00".';

function parseClock(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

function dayList(text: string): string | null {
  const word = text.toLowerCase();
  if (DAY_SETS[word]) return DAY_SETS[word]!;
  const days: number[] = [];
  for (const d of word.split(',')) {
    // "mon", "monday" and "tues" all name Monday or Tuesday; "mo" or "moonday" name nothing.
    const n = FULL_DAYS.findIndex((full) => d.length >= 3 && full.startsWith(d));
    if (n === -1) return null;
    days.push(n);
  }
  return [...new Set(days)].sort((a, b) => a - b).join(',');
}

/** Reads a schedule, checks it is neither malformed nor too frequent, and returns its cron form. */
export function parseSchedule(input: string): ScheduleResult {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return { ok: false, error: `The schedule is empty. ${SCHEDULE_HELP}` };
  let cron = text;
  const friendly = /^([A-Za-z,]+)(?: at)? (\S+)$/.exec(text);
  if (friendly && !/^[\d*]/.test(text)) {
    const days = dayList(friendly[1]!);
    if (!days) return { ok: false, error: `"${clip(friendly[1]!)}" is not a day set. ${SCHEDULE_HELP}` };
    const clock = parseClock(friendly[2]!);
    if (!clock)
      return { ok: false, error: `"${clip(friendly[2]!)}" is not a time of day; write it as HH:MM, e.g. 08:00.` };
    cron = `${clock.minute} ${clock.hour} * * ${days}`;
  }
  const parsed = parseCron(cron);
  if (!parsed.ok) return { ok: false, error: `${parsed.error} ${SCHEDULE_HELP}` };
  const gap = smallestGapMinutes(parsed.fields);
  if (gap < MIN_INTERVAL_MINUTES) {
    return {
      ok: false,
      error: `"${clip(text)}" would post every ${gap} minute${gap === 1 ? '' : 's'}; digests can run at most once every ${MIN_INTERVAL_MINUTES} minutes.`,
    };
  }
  return { ok: true, schedule: { cron, label: text, fields: parsed.fields } };
}

// Checked in UTC over two weeks: the gaps between slots of a cron schedule repeat at least weekly.
function smallestGapMinutes(fields: CronFields): number {
  const start = Date.UTC(2026, 0, 5);
  const slots = computeSlots(fields, 'UTC', start, start + 14 * 86_400_000, 2000);
  let gap = Infinity;
  for (let i = 1; i < slots.length; i++) gap = Math.min(gap, (slots[i]! - slots[i - 1]!) / 60_000);
  return gap;
}

export type ZoneResult = TimeZoneResult;

/** The zone as typed (its case put right); abbreviations such as EST or IST are refused with IANA names to use. */
export function parseTimeZone(input: string): ZoneResult {
  return readTimeZone(input);
}

export interface QuietHours {
  /** Minutes after local midnight; start > end wraps past midnight. */
  start: number;
  end: number;
  label: string;
}

export type QuietResult = { ok: true; quiet: QuietHours } | { ok: false; error: string };

export function parseQuiet(input: string): QuietResult {
  const m = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(input.trim());
  const start = m ? parseClock(m[1]!) : null;
  const end = m ? parseClock(m[2]!) : null;
  if (!start || !end)
    return { ok: false, error: `Quiet hours "${clip(input.trim())}" should be HH:MM-HH:MM, e.g. 22:00-07:00.` };
  const s = start.hour * 60 + start.minute;
  const e = end.hour * 60 + end.minute;
  if (s === e) return { ok: false, error: 'Quiet hours must start and end at different times.' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    ok: true,
    quiet: { start: s, end: e, label: `${pad(start.hour)}:${pad(start.minute)}-${pad(end.hour)}:${pad(end.minute)}` },
  };
}

/** Whether an instant falls in quiet hours (start inclusive, end exclusive) in the zone. */
export function inQuietHours(ms: number, zone: string, quiet: QuietHours): boolean {
  const w = wallClock(ms, zone);
  const minute = w.hour * 60 + w.minute;
  return quiet.start < quiet.end
    ? minute >= quiet.start && minute < quiet.end
    : minute >= quiet.start || minute < quiet.end;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
