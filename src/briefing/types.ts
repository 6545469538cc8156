// The Briefing: everything the bot knows about one document. Pure data, JSON-serialisable.

/** A sentence of article prose, with its character offsets into the original text. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (line block) the sentence belongs to. */
  paragraph: number;
  /** Index of the sentence in the whole document, 0-based. */
  index: number;
}

export interface Quote {
  /** Verbatim from the document, without the surrounding quote marks. */
  text: string;
  /** Fullest name the article gives, or null when it cannot be determined. */
  speaker: string | null;
  /** "direct": the whole utterance is quoted; "partial": a quoted fragment inside reported speech. */
  kind: 'direct' | 'partial';
  /** The outlet that relayed the quote ("per the AP", "told BBC"). */
  via?: string;
  /** Offset of `text` in the original document. */
  start: number;
  end: number;
  /** The sentence the quote sits in. */
  sentence: string;
  /** The rule that decided `speaker` (see QuoteRule). */
  rule?: QuoteRule;
}

/**
 * How a quote's speaker was found: the subject of its speech cue, a pronoun or role noun in that cue resolved to a
 * name, the subject of its own sentence or of the one before, the person the paragraph is about, the speaker of the
 * quotes around it ("continued quote"), the
 * name nearest the quote, the author signed under it ("- Bernie Sanders."), or nobody ("unattributed"). The ranker (quote-ranker.ts) may pick another generator's candidate.
 */
export type QuoteRule =
  | 'cue subject'
  | 'resolved pronoun'
  | 'resolved role noun'
  | 'sentence subject'
  | 'previous sentence subject'
  | 'paragraph topic'
  | 'continued quote'
  | 'nearest name'
  | 'post author'
  | 'unattributed';

export interface SocialPost {
  author: string;
  handle?: string;
  /** ISO-8601 prefix when the byline gives a date. */
  date?: string;
  text: string;
  url?: string;
}

export interface Entity {
  name: string;
  aliases: string[];
  mentions: number;
  /** What the article says the entity is ("North Korea's dictator"), for "who is X". */
  description?: string;
  /** Named only inside an embedded post (a tweet the story shows), never in its own prose. */
  inPost?: boolean;
}

export interface Entities {
  people: Entity[];
  organizations: Entity[];
  places: Entity[];
}

export interface TimelineEntry {
  /** ISO-8601 prefix ("2019", "2019-06", "2019-06-30"), or null when the phrase could not be resolved. */
  date: string | null;
  /** The date phrase as written ("June 30, 2019", "Friday", "this week"). */
  phrase: string;
  /** The sentence it came from. */
  text: string;
  resolved: boolean;
}

export interface Summary {
  /** One or two sentences carrying the news. */
  tldr: string;
  /** Document sentences, most important first. */
  keyPoints: string[];
}

export interface Briefing {
  /** Stable slug, derived from the title (or file name) and the content hash. */
  id: string;
  title: string;
  /** Path of the file the briefing was derived from. */
  source: string;
  /** sha256 of the text (and of the title, date, outlet and URL given with it), hex; identical input gives an identical briefing. */
  hash: string;
  /** The article's own date (ISO prefix) when it states one, else null. */
  date: string | null;
  /** The outlet that published the article, when the document says (front matter, a page's site name). */
  outlet?: string;
  /** The article's address, when the document says (front matter, a page's canonical URL). */
  url?: string;
  /** Words in the article prose. */
  wordCount: number;
  summary: Summary;
  background: string[];
  quotes: Quote[];
  socialPosts: SocialPost[];
  entities: Entities;
  timeline: TimelineEntry[];
  /** All article prose sentences in document order (no boilerplate, no embedded posts). */
  sentences: Sentence[];
}

/** What the caller knows about the document besides its text. */
export interface DocumentInput {
  text: string;
  /** Path or label of the document. */
  source: string;
  /** The article's own title, date (ISO prefix), outlet and URL, when the source states them (front matter, page metadata). */
  title?: string;
  date?: string;
  outlet?: string;
  url?: string;
}
