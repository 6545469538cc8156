// Finds quoted stretches in the original text, paragraph by paragraph, so one quote may hold several sentences.

export interface Block {
  start: number;
  end: number;
  index: number;
}

export interface QuoteSpan {
  /** Offsets of the quoted words, without marks. */
  start: number;
  end: number;
  /** Offsets of the opening mark and of the closing mark (end when the paragraph ends unclosed). */
  open: number;
  close: number;
  closed: boolean;
  block: Block;
}

const BYLINE = /^[—–-]\s*.+\(@\w+\)/;
// Only quote marks matter to the scan; jumping between them skips the prose.
const MARKS = /[“”"]/g;
const OPEN_CONTEXT = /[\s(\[{—–\-/:;,]/;

/**
 * Lines of the text that hold article prose: those that overlap a sentence. Lines the cleaner dropped
 * (newsletter prompts, embedded posts) hold no sentence and so are never searched for quotes.
 */
export function proseBlocks(text: string, sentences: Array<{ start: number; end: number }>): Block[] {
  const blocks: Block[] = [];
  let offset = 0;
  const lines = text.split('\n');
  // Index of the next non-blank line after each line, for the byline check below.
  const nextFilled: number[] = new Array(lines.length).fill(-1);
  for (let li = lines.length - 2; li >= 0; li--) nextFilled[li] = lines[li + 1]!.trim() ? li + 1 : nextFilled[li + 1]!;
  let si = 0;
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li]!;
    const start = offset + (raw.length - raw.trimStart().length);
    const end = offset + raw.trimEnd().length;
    offset += raw.length + 1;
    if (end <= start) continue;
    while (si < sentences.length && sentences[si]!.end <= start) si++;
    const hasProse = si < sentences.length && sentences[si]!.start < end;
    // A post quoted inline still ends with its byline on the next line; never read it as prose.
    const next = nextFilled[li]! >= 0 ? lines[nextFilled[li]!] : undefined;
    if (hasProse && !(next && BYLINE.test(next.trim()))) blocks.push({ start, end, index: blocks.length });
  }
  return blocks;
}

export function findQuoteSpans(text: string, blocks: Block[]): QuoteSpan[] {
  const double = findDoubleQuoted(text, blocks);
  const single = findSingleQuoted(text, blocks, double);
  // The house style is the document's: where double marks carry most of the quoting (American news), single marks
  // are quotes within quotes, headlines and words set apart, so they are left alone.
  return single.length > double.length ? [...double, ...single].sort((a, b) => a.open - b.open) : double;
}

// British house style: ‘…’ or '…'. An opening mark follows a space, a bracket or a dash and comes before a letter;
// a closing mark follows a non-space and comes before no letter or digit. So apostrophes never open or close:
// rock ’n’ roll, the ’90s and Patel’s have a right mark (or ' glued inside a word), and 'n' is one word, not a quote.
const SINGLE_OPEN = /(?<=^|[\s(\[{—–\-/:;])[‘'](?=\p{L})/gu;
const SINGLE_CLOSE = /(?<=\S)[’'](?![\p{L}\p{N}])/gu;

function findSingleQuoted(text: string, blocks: Block[], double: QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const insideDouble = (pos: number) => double.some((q) => pos > q.open && pos <= q.close);
  for (const block of blocks) {
    const line = text.slice(block.start, block.end);
    if (!/[‘']/.test(line)) continue;
    let from = 0;
    for (const m of line.matchAll(SINGLE_OPEN)) {
      if (m.index < from) continue;
      const open = block.start + m.index;
      if (insideDouble(open)) continue;
      SINGLE_CLOSE.lastIndex = m.index + 1;
      const close = SINGLE_CLOSE.exec(line);
      if (!close) continue;
      const inner = line.slice(m.index + 1, close.index);
      // Two words at least: a single quoted word ('n', 'no') is a word quoted as a word, or an apostrophe.
      if (!/\S\s+\S/.test(inner) || /[“”"]/.test(inner)) continue;
      const before = out.length;
      push(out, text, block, open, block.start + close.index, true);
      if (out.length > before) from = close.index + 1;
    }
  }
  return out;
}

function findDoubleQuoted(text: string, blocks: Block[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const marks: number[] = [];
  for (const m of text.matchAll(MARKS)) marks.push(m.index);
  let k = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    let open = -1;
    let curly = false;
    while (k < marks.length && marks[k]! < block.start) k++;
    for (; k < marks.length && marks[k]! < block.end; k++) {
      const i = marks[k]!;
      const c = text[i]!;
      if (open < 0) {
        // …or glued to the sentence before it, in text that lost its spaces ("…,” he said."I was…").
        const glued = /[.!?]/.test(text[i - 1] ?? '') && /\p{Lu}/u.test(text[i + 1] ?? '');
        if (
          c === '“' ||
          (c === '"' && (i === block.start || OPEN_CONTEXT.test(text[i - 1]!) || /["“‘']/.test(text[i - 1]!) || glued))
        ) {
          open = i;
          curly = c === '“';
        }
        continue;
      }
      if (c === '”' || (c === '"' && (!curly || !/\p{L}/u.test(text[i + 1] ?? '')))) {
        push(out, text, block, open, i, true);
        open = -1;
      } else if (c === '“' && curly && /\s/.test(text[i - 1] ?? '')) {
        // An opening mark while one is open: the earlier mark was never closed, so start again here.
        open = i;
      }
    }
    // Multi-paragraph quotes leave every paragraph but the last unclosed, and the next one opens again.
    const next = blocks[b + 1];
    if (open >= 0 && next && /^["“]/.test(text[next.start]!)) push(out, text, block, open, block.end, false);
  }
  return out;
}

function push(out: QuoteSpan[], text: string, block: Block, open: number, close: number, closed: boolean): void {
  let start = open + 1;
  let end = close;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end - start < 2 || !/\p{L}/u.test(text.slice(start, end))) return;
  out.push({ start, end, open, close, closed, block });
}
