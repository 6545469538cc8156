// Time zones as people type them: IANA names in any case, with the ambiguous abbreviations (EST, IST, BST)
// refused with the names they may have meant. Used by the digest schedules and by config for DIGEST_TIMEZONE.

/** Whether Intl knows the zone (IANA names, case-insensitive). The one zone check; use readTimeZone for user input. */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type TimeZoneResult = { ok: true; zone: string } | { ok: false; error: string };

// Abbreviations people type for a zone. Intl accepts several of them as aliases and silently picks one meaning
// (IST is India, BST is Bangladesh, EST is a fixed UTC-5 with no summer time), so each is refused with the IANA
// names it may have meant.
const ABBREVIATIONS: Record<string, string> = {
  EST: 'America/New_York (US Eastern, with summer time), America/Toronto or America/Panama (UTC-5 all year)',
  EDT: 'America/New_York (US Eastern) or America/Toronto',
  CST: 'America/Chicago (US Central), America/Mexico_City, Asia/Shanghai (China) or America/Havana (Cuba)',
  CDT: 'America/Chicago (US Central) or America/Havana (Cuba)',
  MST: 'America/Denver (with summer time) or America/Phoenix (no summer time)',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles (US Pacific) or Asia/Manila (Philippines)',
  PDT: 'America/Los_Angeles',
  AST: 'America/Halifax (Atlantic), America/Puerto_Rico or Asia/Riyadh (Arabia)',
  ADT: 'America/Halifax',
  IST: 'Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)',
  BST: 'Europe/London (British Summer Time) or Asia/Dhaka (Bangladesh)',
  CEST: 'Europe/Paris, Europe/Berlin or Europe/Madrid',
  EEST: 'Europe/Athens, Europe/Helsinki or Europe/Kyiv',
  WEST: 'Europe/Lisbon',
  MSK: 'Europe/Moscow',
  SAST: 'Africa/Johannesburg',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney, Australia/Melbourne or Australia/Brisbane (no summer time)',
  AEDT: 'Australia/Sydney or Australia/Melbourne',
  ACST: 'Australia/Adelaide or Australia/Darwin (no summer time)',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

// Short names that are IANA zones of their own and mean one thing.
const PLAIN_NAMES = new Set([
  'UTC',
  'GMT',
  'UCT',
  'UT',
  'ZULU',
  'CET',
  'EET',
  'WET',
  'MET',
  'HST',
  'GB',
  'NZ',
  'PRC',
  'ROC',
  'ROK',
]);

/**
 * A time zone as the user typed it: kept as written (Asia/Kolkata stays Asia/Kolkata, not ICU's Asia/Calcutta),
 * with only its letter case put right, and abbreviations refused with the IANA names they may mean.
 */
export function readTimeZone(input: string): TimeZoneResult {
  const typed = input.trim();
  if (!typed)
    return { ok: false, error: 'The time zone is empty; give an IANA zone such as Europe/London or America/New_York.' };
  const shown = typed.length > 60 ? `${typed.slice(0, 60)}…` : typed;
  const upper = typed.toUpperCase();
  const meant = ABBREVIATIONS[upper];
  if (meant)
    return {
      ok: false,
      error: `"${shown}" is an abbreviation that names more than one zone or a fixed offset; use an IANA time zone such as ${meant}.`,
    };
  if (/^[A-Z]{2,5}$/.test(typed) && !PLAIN_NAMES.has(upper)) {
    return {
      ok: false,
      error: `"${shown}" is an abbreviation, not an IANA time zone; use a name such as Europe/London, America/New_York or Asia/Tokyo.`,
    };
  }
  if (!isTimeZone(typed))
    return {
      ok: false,
      error: `"${shown}" is not an IANA time zone; try one such as Europe/London, America/New_York or UTC.`,
    };
  return { ok: true, zone: zoneCase(typed) };
}

/** "europe/london" → "Europe/London", "utc" → "UTC"; a name typed with capitals is left as it is. */
function zoneCase(zone: string): string {
  const known = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === zone.toLowerCase());
  if (known) return known;
  if (zone !== zone.toLowerCase()) return zone;
  if (PLAIN_NAMES.has(zone.toUpperCase())) return zone.toUpperCase();
  return zone
    .split('/')
    .map((part) =>
      part.replace(/[a-z]+/g, (word) =>
        /^(utc|gmt|uct|us)$/.test(word) ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1),
      ),
    )
    .join('/');
}

/** Every key the schema knows, for the test that checks .env.example lists them all. */
