// A document's own title, date, outlet and URL, written above its text: YAML between `---` lines (as static site
// generators write it), or plain header lines (`Title: …`, `Published: …`, `Source: …`, `URL: …`) as mail and
// news archives do. What is read is taken off the text, so it never becomes a sentence of the briefing.
import { parse as parseYaml } from 'yaml';
import { parseMonthDate } from '../briefing/text-dates.js';

export interface DocumentMeta {
  title?: string;
  /** ISO prefix: "2025-03-03", or the date and time as given ("2025-03-03T09:30:00Z" is kept to the day). */
  date?: string;
  outlet?: string;
  url?: string;
}

export interface FrontMatter {
  meta: DocumentMeta;
  /** The text below the front matter (the whole text when there is none). */
  body: string;
  /** Keys whose values could not be used (a date that is not a date), for the log. */
  unread: string[];
}

// Which field each key fills; keys are compared lower case, spaces and dashes removed.
const KEYS: Record<string, keyof DocumentMeta> = {
  title: 'title',
  headline: 'title',
  published: 'date',
  date: 'date',
  publishdate: 'date',
  datepublished: 'date',
  pubdate: 'date',
  source: 'outlet',
  outlet: 'outlet',
  publisher: 'outlet',
  sitename: 'outlet',
  site: 'outlet',
  publication: 'outlet',
  url: 'url',
  link: 'url',
  canonical: 'url',
  canonicalurl: 'url',
  permalink: 'url',
};

function fieldOf(key: string): keyof DocumentMeta | undefined {
  return KEYS[key.toLowerCase().replace(/[\s_-]+/g, '')];
}

const HEADER_LINE = /^([A-Za-z][A-Za-z _-]{0,20}):[ \t]*(\S.*)$/;

/** Reads front matter at the very top of `text`; text without any comes back whole with empty meta. */
export function readFrontMatter(text: string): FrontMatter {
  const yaml = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (yaml) {
    const fields = yamlFields(yaml[1]!);
    if (fields) return build(fields, text.slice(yaml[0].length));
  }
  return headerLines(text);
}

/** The YAML block's top-level scalar fields, or null when it is not a YAML mapping (a `---` rule in prose). */
function yamlFields(block: string): Array<[string, string]> | null {
  let data: unknown;
  try {
    data = parseYaml(block);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') out.push([key, String(value)]);
    else if (value instanceof Date) out.push([key, value.toISOString()]);
    else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof (value as { name?: unknown }).name === 'string'
    ) {
      out.push([key, (value as { name: string }).name]);
    }
  }
  return out;
}

/**
 * Header lines: a run of `Key: value` lines at the top whose keys are all ones we know, ended by a blank line or the
 * first other line. One unknown key and the run is prose ("Update: talks resumed"), and nothing is taken.
 */
function headerLines(text: string): FrontMatter {
  const fields: Array<[string, string]> = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end < 0 ? text.length : end).trim();
    const next = end < 0 ? text.length : end + 1;
    if (!line) {
      if (fields.length) offset = next;
      break;
    }
    const m = HEADER_LINE.exec(line);
    if (!m || !fieldOf(m[1]!.trim())) break;
    fields.push([m[1]!.trim(), m[2]!.trim()]);
    offset = next;
  }
  if (!fields.length) return { meta: {}, body: text, unread: [] };
  return build(fields, text.slice(offset));
}

const ADDRESS = /^https?:\/\/\S+$/i;

function build(fields: Array<[string, string]>, body: string): FrontMatter {
  const meta: DocumentMeta = {};
  const unread: string[] = [];
  for (const [key, raw] of fields) {
    const field = fieldOf(key);
    const value = raw.replace(/\s+/g, ' ').trim();
    if (!field || !value || meta[field] !== undefined) continue;
    if (field === 'date') {
      const date = normaliseDate(value);
      if (date) meta.date = date;
      else unread.push(key);
    } else if (field === 'url' || (field === 'outlet' && ADDRESS.test(value))) {
      // "Source: https://…" names the address, not the outlet.
      if (ADDRESS.test(value)) meta.url ??= value;
      else unread.push(key);
    } else meta[field] = value;
  }
  return { meta, body: body.replace(/^\s*\n/, ''), unread };
}

/** A date as an ISO prefix: ISO dates as written (to the day), month-name dates, else what Date.parse reads. */
export function normaliseDate(value: string): string | null {
  const iso = /^((?:19|20)\d{2})-(\d{2})-(\d{2})\b/.exec(value);
  if (iso) return validDay(iso[1]!, iso[2]!, iso[3]!);
  const month = parseMonthDate(value);
  if (month) return month;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms).toISOString().slice(0, 10) : null;
}

function validDay(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${y}-${m}-${d}` : null;
}
