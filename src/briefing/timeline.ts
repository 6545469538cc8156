// Dated events: absolute dates as ISO prefixes, relative ones resolved against the article date when it has one.
import { findDates, parseAnchor } from './date-parse.js';
import type { Sentence, TimelineEntry } from './types.js';

export function extractTimeline(sentences: Sentence[], articleDate: string | null): TimelineEntry[] {
  const anchor = parseAnchor(articleDate);
  const resolved: TimelineEntry[] = [];
  const open: TimelineEntry[] = [];
  for (const s of sentences) {
    for (const hit of findDates(s.text, anchor)) {
      const entry: TimelineEntry = { date: hit.date, phrase: hit.phrase, text: s.text, resolved: hit.date !== null };
      (entry.resolved ? resolved : open).push(entry);
    }
  }
  // Array.prototype.sort is stable, so entries with the same date keep document order.
  resolved.sort((a, b) => a.date!.localeCompare(b.date!));
  return [...resolved, ...open];
}
