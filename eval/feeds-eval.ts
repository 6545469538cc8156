// Feed parsing on Python feedparser's own test feeds (shared/eval/feedparser-tests). Attempted: the cases whose
// `Expect:` (less a leading `bozo and` / `not bozo and`) is one comparison of a field the neutral shape carries
// with a string: feed title/link, entries[N] title/link/id/author/updated/summary/description. Everything else
// (bozo flags, detail dicts, detected-charset names, namespaces, lists) is counted as not attempted, by reason.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FeedError, feedBase, parseFeedText, plainText, type FeedItem } from '../src/sources/feeds.js';
import { isoDate } from '../src/sources/extract.js';
import { SHARED_EVAL } from './data.js';

const DIR = join(SHARED_EVAL, 'feedparser-tests');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.(xml|rdf|json)$/i.test(n) ? [p] : [];
    });
}

/** A Python string literal ('…', "…", u'…') as a JS string, or null. */
export function pythonString(src: string): string | null {
  const m = /^u?(['"])((?:\\.|(?!\1).)*)\1$/s.exec(src.trim());
  if (!m) return null;
  return m[2]!.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|n|t|r|\\|'|")/g, (_, e: string) => {
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

/** Bytes to text the way the fetcher will: BOM, then the XML declaration's encoding, else UTF-8. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 200).toString('latin1');
  const enc = /<\?xml[^>]*encoding=["']([\w.-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(enc ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const FIELDS: Record<string, keyof FeedItem> = {
  title: 'title',
  link: 'link',
  id: 'id',
  author: 'author',
  updated: 'updated',
  summary: 'summary',
  description: 'summary',
};

export interface FeedEvalResult {
  attempted: number;
  passed: number;
  share: number;
  notAttempted: Record<string, number>;
}

/** One case's comparison: which field of the feed or of which entry, and the value feedparser expects. */
interface Case {
  level: 'feed' | 'entry';
  entry: number;
  field: string;
  want: string;
}

/** The case a file's `Expect:` line states, or why it is not attempted. */
function readCase(expect: string): Case | { skip: string } {
  const body = expect.replace(/^(not\s+)?bozo\s+and\s+/, '');
  const m = /^(feed|entries\[(\d+)\])(?:\[['"](\w+)['"]\]|\.(\w+))\s*==\s*(u?(['"]).*\6)$/s.exec(body);
  if (!m) {
    if (/^(not\s+)?bozo$/.test(expect)) return { skip: 'bozo flag only' };
    return { skip: /encoding\s*==/.test(expect) ? 'detected charset name' : 'not a plain string comparison' };
  }
  const field = m[3] ?? m[4]!;
  const want = pythonString(m[5]!);
  const level = m[1] === 'feed' ? 'feed' : 'entry';
  if (want === null || !(field in FIELDS) || (level === 'feed' && field !== 'title' && field !== 'link'))
    return { skip: `field not in the neutral shape (${level}.${field})` };
  return { level, entry: Number(m[2]), field, want };
}

/** What the parser gives for the case's field, or null when the file does not parse as a feed. */
function parsedValue(file: string, bytes: Buffer, c: Case): string | null {
  try {
    // feedparser's suite serves its files from http://127.0.0.1:8097/, with the headers a file names.
    const header = /^Header:\s*Content-Location:\s*(\S+)/im.exec(bytes.subarray(0, 2000).toString('latin1'))?.[1];
    const feed = parseFeedText(decode(bytes), feedBase(`http://127.0.0.1:8097${file.slice(DIR.length)}`, header));
    if (c.level === 'feed') return c.field === 'title' ? feed.title : feed.link;
    return feed.items[c.entry]?.[FIELDS[c.field]!] ?? null;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return null;
  }
}

/** The neutral shape carries text, where feedparser keeps sanitized markup: markup expected is compared as text. */
function matches(c: Case, got: string | null): boolean {
  if (c.field === 'updated') return got !== null && got === isoDate(c.want);
  const wantText =
    c.field === 'link' || c.field === 'id'
      ? c.want.trim()
      : /<\/?[a-z][^>]*>/i.test(c.want)
        ? plainText(c.want)
        : c.want.trim().replace(/\s+/g, ' ');
  return (got ?? '') === (wantText ?? '');
}

export function runFeedsEval(showFailures = 0): FeedEvalResult {
  const notAttempted: Record<string, number> = {};
  let attempted = 0;
  let passed = 0;
  for (const file of files(DIR)) {
    const bytes = readFileSync(file);
    const expect = /Expect:\s*(.*)/.exec(bytes.subarray(0, 2000).toString('latin1'))?.[1]?.trim() ?? '';
    const c = readCase(expect);
    if ('skip' in c) {
      notAttempted[c.skip] = (notAttempted[c.skip] ?? 0) + 1;
      continue;
    }
    attempted++;
    const got = parsedValue(file, bytes, c);
    if (matches(c, got)) passed++;
    else if (showFailures-- > 0) console.log(file.slice(DIR.length), JSON.stringify(c.want), '→', JSON.stringify(got));
  }
  return { attempted, passed, share: Math.round((1000 * passed) / (attempted || 1)) / 1000, notAttempted };
}

if (process.argv[1]?.endsWith('feeds-eval.ts')) {
  const at = process.argv.indexOf('--failures');
  console.log(runFeedsEval(at > 0 ? Number(process.argv[at + 1]) : 0));
}
