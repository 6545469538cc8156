// Markdown to plain text through marked's lexer (no rendering to HTML and back): emphasis and code marks go, links
// and images keep their text, list items and block quotes become lines of their own, and a leading heading is the
// title. Every word of the prose is kept; only the markup is dropped.
import { marked, type Token, type Tokens } from 'marked';
import { decodeEntities } from './entities.js';
import { htmlToText } from './html.js';

export interface MarkdownText {
  /** The first heading, when it comes before any prose. */
  title: string | null;
  /** Paragraphs (and list items, quotes, later headings) one per line. */
  text: string;
}

export function markdownToText(source: string): MarkdownText {
  const tokens = marked.lexer(source, { gfm: true });
  let title: string | null = null;
  const blocks: string[] = [];
  for (const token of tokens) {
    if (title === null && blocks.length === 0 && token.type === 'heading') {
      title = oneLine(inline((token as Tokens.Heading).tokens)) || null;
      continue;
    }
    block(token, blocks);
  }
  return { title, text: blocks.map(oneLine).filter(Boolean).join('\n') };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function block(token: Token, out: string[]): void {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return;
    case 'heading':
    case 'paragraph':
      out.push(inline((token as Tokens.Heading | Tokens.Paragraph).tokens));
      return;
    case 'text': {
      const t = token as Tokens.Text;
      out.push(t.tokens ? inline(t.tokens) : decodeEntities(t.text));
      return;
    }
    case 'blockquote':
      for (const child of (token as Tokens.Blockquote).tokens) block(child, out);
      return;
    case 'list':
      for (const item of (token as Tokens.List).items) {
        // A tight item's text is one "text" token; a loose one's, paragraphs. Either way each becomes a line.
        for (const child of item.tokens) block(child, out);
      }
      return;
    case 'code':
      out.push(...(token as Tokens.Code).text.split('\n'));
      return;
    case 'table': {
      const t = token as Tokens.Table;
      for (const row of [t.header, ...t.rows]) out.push(row.map((cell) => inline(cell.tokens)).join(' · '));
      return;
    }
    case 'html':
      out.push(htmlToText((token as Tokens.HTML).text));
      return;
    default: {
      const t = token as { tokens?: Token[]; text?: string };
      if (t.tokens) out.push(inline(t.tokens));
      else if (typeof t.text === 'string') out.push(decodeEntities(t.text));
    }
  }
}

function inline(tokens: Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'br':
        out += ' ';
        break;
      case 'image':
        out += decodeEntities((token as Tokens.Image).text);
        break;
      case 'codespan':
        out += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'html':
        // Inline tags (<em>, <a>) go; their text stays as the text tokens around them.
        out += htmlToText((token as Tokens.Tag).text);
        break;
      case 'escape':
        out += (token as Tokens.Escape).text;
        break;
      default: {
        const t = token as { tokens?: Token[]; text?: string };
        out += t.tokens ? inline(t.tokens) : decodeEntities(t.text ?? '');
      }
    }
  }
  return out;
}
