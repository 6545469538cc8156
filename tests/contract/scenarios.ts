// The command scenarios every platform must pass, as data: what is sent, what the answer must show, and whether
// only the caller may see it. The stories are the small library built in tests/discord/fixtures.ts.
import type { RawOptions } from '../../src/core/options.js';
import type { Expectation } from './harness.js';

export type Scenario = Expectation & ({ command: string; options?: RawOptions } | { mention: string });

const RAILWAY = 'railway-winter-c3d4';

export const SCENARIOS: readonly Scenario[] = [
  {
    command: 'brief',
    options: { story: RAILWAY },
    contains: ['Railway closes for the winter', 'Key points'],
    private: false,
  },
  { command: 'summary', contains: ['Harbour council agrees a new budget', 'Original: 20000 words'], private: false },
  {
    command: 'summary',
    options: { length: 'short', story: RAILWAY },
    contains: ['Railway closes for the winter', 'story railway-winter-c3d4'],
    private: false,
  },
  {
    command: 'summary',
    options: { length: 'long', story: 'harbour' },
    contains: ['Key points', 'story harbour-budget-a1b2'],
    private: false,
  },
  {
    command: 'quotes',
    options: { story: RAILWAY },
    contains: ['Quotes: Railway closes for the winter', 'Person 0 Example'],
    private: false,
  },
  {
    command: 'quotes',
    options: { speaker: 'Person 1' },
    contains: ['Quotes from Person 1', 'Person 1 Example'],
    private: false,
  },
  {
    command: 'quotes',
    options: { speaker: 'Nobody' },
    contains: ['No quotes from', 'Speakers quoted here: Person 0 Example, Person 1 Example'],
    private: false,
  },
  {
    command: 'background',
    options: { story: RAILWAY },
    contains: ['Background: Railway closes for the winter', 'Person 0 Example'],
    private: false,
  },
  {
    command: 'timeline',
    options: { story: RAILWAY },
    contains: ['Timeline: Railway closes for the winter', '2024-01-10'],
    private: false,
  },
  {
    command: 'ask',
    options: { question: 'what closes for the winter?' },
    contains: ['in my sources', '/stories'],
    private: false,
  },
  {
    command: 'stories',
    contains: ['Stories (2)', 'Harbour council agrees a new budget', 'id: railway-winter-c3d4'],
    private: false,
  },
  {
    command: 'digest',
    options: { action: 'list' },
    contains: ['Scheduled digests are not available here'],
    private: true,
  },
  {
    command: 'help',
    contains: ['/brief', '/summary', '/quotes', '/background', '/timeline', '/ask', '/stories', '/digest', '/help'],
    private: true,
  },
  { command: 'help', options: { command: 'quotes' }, contains: ['Usage: /quotes', 'speaker'], private: true },
  { command: 'summary', options: { story: 'no such story anywhere' }, contains: ['No story matches'], private: true },
  {
    command: 'summary',
    options: { length: 'huge' },
    contains: ['must be one of short, medium, long', 'huge'],
    private: true,
  },
  { mention: 'who is quoted?', contains: ['in my sources'], private: false },
];

export const scenarioName = (s: Scenario): string =>
  'mention' in s
    ? `@mention "${s.mention}"`
    : `/${s.command}${
        s.options
          ? ` ${Object.entries(s.options)
              .map(([k, v]) => `${k}:${String(v)}`)
              .join(' ')}`
          : ''
      }`;
