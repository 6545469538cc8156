// A title made from the lead sentence when the article has none: a whole clause with its subject, cut at a word
// boundary (never after "by", "the", "of"), with every quotation it opens closed.

// Leading phrases that say where or when the news came from, not what it is ("According to police, …").
const FRAMING = /^(?:according to|per|citing|speaking|in a|in an|on|at|after|as|earlier|later|meanwhile)\b/i;
// Words a clause's subject can start with, when it does not start with a capital or a figure.
const SUBJECT_START =
  /^(?:[“"‘'(]?[\p{Lu}\d])|^(?:the|a|an|his|her|its|their|our|my|this|that|these|those|some|many|most|all|one|two|three|several|police|officials|people|he|she|they|we|it)$/u;
// Words a title must not end on: the phrase they start is cut off.
const DANGLING = new Set(
  'a an the of to in on at by for from with and or but nor as that which who whom whose where when while than into onto over after before about against between during his her its their our my your this these those is are was were be been has have had will would could should can may might not no said says say told'.split(
    ' ',
  ),
);
// Where a clause ends for sure: a semicolon or colon, a dash, or a full stop the sentence splitter did not take.
const STRONG_END = /[;:]$|[.!?]["”’']$/u;
// "…primary. Ted Cruz has won…": a word of four letters or more (not an abbreviation) and a stop, then a capital.
const MISSED_STOP = /^[\p{L}'’-]{4,}\.$/u;
const ABBREVIATIONS = new Set([
  'calif.',
  'corp.',
  'sept.',
  'univ.',
  'dept.',
  'mass.',
  'penn.',
  'tenn.',
  'wash.',
  'conn.',
  'ariz.',
  'colo.',
  'okla.',
  'wisc.',
  'mich.',
  'minn.',
  'nebr.',
  'inc.',
]);
const DASH = new Set(['—', '–', '-', '--']);
// Where a long sentence's clause may end: before a conjunction or relative word.
const CLAUSE_NEXT = new Set([
  'but',
  'which',
  'while',
  'because',
  'although',
  'though',
  'after',
  'before',
  'when',
  'where',
  'as',
  'whereas',
  'unless',
]);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom']);
/** A clause shorter than this is a label ("Obama:", "EXCLUSIVE:"), not the title. */
const MIN_STRONG = 4;
/** Fewer words than this before a conjunction and the cut is made at the word limit instead. */
const MIN_CLAUSE = 7;
/** How far past the word limit a title may run to close a quotation it opened. */
const QUOTE_SLACK = 6;

export function deriveTitle(sentence: string, maxWords = 12): string {
  const end = sentence.trim().replace(/[.!?]+(["”’']?)$/, '$1');
  const all = withoutAside(withoutFraming(end.split(/\s+/).filter(Boolean)));
  let words = firstClause(all, maxWords);
  const whole = words.length < all.length;
  if (words.length > maxWords) words = cut(words, maxWords);
  words = balanced(words, all, maxWords);
  let title = withoutStrayCloses(words.join(' '))
    .replace(/[,;:—–-]+$/, '')
    .replace(/(\p{L}{2})\.$/u, '$1');
  // A title cut inside its clause says so; one that is a whole clause of a longer sentence does not.
  if (words.length < all.length && !(whole && words.length === firstClause(all, maxWords).length)) title += '…';
  return title.replace(/^([“"‘'(]?)(\p{Ll})/u, (_, mark: string, letter: string) => mark + letter.toUpperCase());
}

/** Drops a leading framing clause ("According to police,", "On Monday,") when a clause with a subject follows. */
function withoutFraming(words: string[]): string[] {
  for (let pass = 0; pass < 2; pass++) {
    const comma = words.findIndex((w) => /,$/.test(w));
    if (comma < 0 || comma > 11 || !FRAMING.test(words.slice(0, comma + 1).join(' '))) break;
    const rest = words.slice(comma + 1);
    if (rest.length < 4 || !SUBJECT_START.test(rest[0]!)) break;
    words = rest;
  }
  return words;
}

/** Drops a relative clause set off after the subject ("Hansbrough, who came back for his senior season, scored…"). */
function withoutAside(words: string[]): string[] {
  const k = words.findIndex((w, i) => i <= 4 && /,$/.test(w) && RELATIVE.has(words[i + 1]?.toLowerCase() ?? ''));
  if (k < 0) return words;
  const close = words.findIndex((w, i) => i > k + 1 && i <= k + 16 && /,$/.test(w));
  if (close < 0 || words.length - close - 1 < 3) return words;
  return [...words.slice(0, k), words[k]!.replace(/,$/, ''), ...words.slice(close + 1)];
}

/** The words up to the first sure end of a clause within the limit, or all of them. */
function firstClause(words: string[], max: number): string[] {
  for (let n = MIN_STRONG; n <= Math.min(max, words.length - 1); n++) {
    const last = words[n - 1]!;
    if (STRONG_END.test(last) || DASH.has(words[n]!)) return words.slice(0, n);
    if (MISSED_STOP.test(last) && !ABBREVIATIONS.has(last.toLowerCase()) && /^[“"‘']?\p{Lu}/u.test(words[n]!)) {
      return [...words.slice(0, n - 1), last.slice(0, -1)];
    }
  }
  return words;
}

/** The first `max` words or fewer: before the last conjunction past MIN_CLAUSE words, else at the limit. */
function cut(words: string[], max: number): string[] {
  for (let n = max; n >= MIN_CLAUSE; n--) {
    if (CLAUSE_NEXT.has(words[n]!.toLowerCase())) return trimDangling(words.slice(0, n));
  }
  return trimDangling(words.slice(0, max));
}

function trimDangling(words: string[]): string[] {
  let n = words.length;
  while (n > 3 && DANGLING.has(words[n - 1]!.replace(/[,;:]+$/, '').toLowerCase())) n--;
  return words.slice(0, n);
}

/**
 * The words with every quotation closed: a quotation cut open runs on to its closing mark when that is near,
 * else the title ends before it; an opening mark with no close anywhere is dropped.
 */
function balanced(words: string[], all: string[], max: number): string[] {
  const open = unclosed(words);
  if (open === null) return words;
  const closesAt = closingWord(all, open, words.length);
  if (closesAt !== null && closesAt < max + QUOTE_SLACK) return all.slice(0, closesAt + 1);
  if (open.word >= 4) return trimDangling(words.slice(0, open.word));
  const fixed = [...words];
  fixed[open.word] = fixed[open.word]!.slice(0, open.at) + fixed[open.word]!.slice(open.at + 1);
  return unclosed(fixed) === null ? fixed : words;
}

interface OpenMark {
  word: number;
  at: number;
  mark: string;
}

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '"': '"', "'": "'" };

/** The first quotation mark the words open and do not close, or null. Apostrophes (Patel’s, rock ’n’ roll, ’90s) are not marks. */
function unclosed(words: string[]): OpenMark | null {
  const stack: OpenMark[] = [];
  words.forEach((word, w) => {
    for (let i = 0; i < word.length; i++) {
      const c = word[i]!;
      const top = stack[stack.length - 1];
      if (top && PAIRS[top.mark] === c && closes(word, i)) {
        stack.pop();
        continue;
      }
      if (
        c === '“' ||
        (c === '"' && opens(word, i)) ||
        ((c === '‘' || c === "'") && opens(word, i) && /\p{L}/u.test(word[i + 1] ?? ''))
      ) {
        stack.push({ word: w, at: i, mark: c });
      }
    }
  });
  return stack[0] ?? null;
}

function opens(word: string, i: number): boolean {
  return i === 0 || /[(\[“"‘'—–-]/.test(word[i - 1]!);
}

function closes(word: string, i: number): boolean {
  // A closing mark ends the word or is followed by punctuation; inside a word it is an apostrophe.
  return i === word.length - 1 || /[^\p{L}\p{N}]/u.test(word[i + 1]!);
}

/** Index of the word, from `from` on, that closes the quotation opened at `open`, or null. */
function closingWord(all: string[], open: OpenMark, from: number): number | null {
  const close = PAIRS[open.mark]!;
  for (let w = Math.max(from, open.word); w < all.length; w++) {
    const word = all[w]!;
    const start = w === open.word ? open.at + 1 : 0;
    for (let i = start; i < word.length; i++) if (word[i] === close && closes(word, i)) return w;
  }
  return null;
}

/** The title without closing marks that close nothing (the sentence splitter left their opening in the last sentence). */
function withoutStrayCloses(title: string): string {
  let open = 0;
  let straight = false;
  let out = '';
  for (let i = 0; i < title.length; i++) {
    const c = title[i]!;
    const atEnd = i === title.length - 1 || /[\s.,;:!?]/.test(title[i + 1]!);
    const atStart = i === 0 || /[\s(\[—–-]/.test(title[i - 1]!);
    if (c === '“') open++;
    else if (c === '”') {
      if (open === 0) continue;
      open--;
    } else if (c === '"') {
      if (straight) straight = false;
      else if (atStart) straight = true;
      else if (atEnd) continue;
    }
    out += c;
  }
  return out.replace(/\s*[.]+$/, '').trimEnd() || title;
}
