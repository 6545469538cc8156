// Two small made-up stories, for tests and benchmarks that need a library but not any article in particular.
import { deriveBriefing } from '../src/briefing/derive.js';
import type { Story } from '../src/library/library.js';

export function story(source: string, title: string, body: string, addedAt: number): Story {
  return { briefing: deriveBriefing({ text: `${title}\n\n${body}\n`, source }), addedAt };
}

export const sampleStories = (): Story[] => [
  story(
    'a.txt',
    'Dam repairs finish early',
    'Engineers finished repairs to the Wexley dam on Monday, two weeks ahead of schedule. The council said the reservoir would refill by spring. Residents had been told to save water since June.',
    1_000,
  ),
  story(
    'b.txt',
    'Library opens night hours',
    'The central library will open until midnight from next month, staff said on Tuesday. The trial runs for six months. Students asked for the change in a petition signed by 4,000 people.',
    2_000,
  ),
];
