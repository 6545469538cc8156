// Wall-clock time in an IANA zone, both ways, with the DST rules spelled out: a wall time that does not exist
// (spring forward) means the instant the gap ends plus the same offset into it; one that happens twice (fall back)
// means its first occurrence. This is Temporal's "compatible" disambiguation, and what cron users expect.

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function wallClock(ms: number, zone: string): WallTime {
  const out: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(ms))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute! };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const floored = Math.floor(ms / 60_000) * 60_000;
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - floored) / 60_000);
}

const DAY = 86_400_000;

function sameWall(ms: number, wall: WallTime, zone: string): boolean {
  const w = wallClock(ms, zone);
  return (
    w.year === wall.year &&
    w.month === wall.month &&
    w.day === wall.day &&
    w.hour === wall.hour &&
    w.minute === wall.minute
  );
}

/** The instant a wall time names in a zone (see the header for gaps and overlaps). */
export function zonedInstant(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Offsets a day either side bracket at most one transition: no zone changes its offset twice in two days.
  const before = offsetMinutes(asUtc - DAY, zone);
  const after = offsetMinutes(asUtc + DAY, zone);
  const candidates = [...new Set([asUtc - before * 60_000, asUtc - after * 60_000])].filter((t) =>
    sameWall(t, wall, zone),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before * 60_000;
}

/** The calendar day after (or before, with a negative step) a wall date. */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: wall.hour,
    minute: wall.minute,
  };
}

export function weekday(wall: WallTime): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** "2026-03-08 07:30 America/New_York", for logs and replies. */
export function describeInstant(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${zone}`;
}
