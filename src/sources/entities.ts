// HTML character references (&pound;, &#8217;, &eacute;) in text that is not parsed as HTML (Markdown, plain text):
// each distinct reference is decoded once by linkedom's HTML parser, the same one that reads pages, and remembered.
import { parseHTML } from 'linkedom';

const REFERENCE = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;

export class EntityDecoder {
  private readonly known = new Map<string, string>();

  decode(text: string): string {
    if (!text.includes('&')) return text;
    return text.replace(REFERENCE, (ref) => {
      let value = this.known.get(ref);
      if (value === undefined) {
        const { document } = parseHTML(`<!doctype html><html><body><p>${ref}</p></body></html>`);
        value = document.body?.textContent ?? ref;
        // Not a reference HTML knows: leave the text as written.
        if (value === '' || value.includes('<')) value = ref;
        this.known.set(ref, value);
      }
      return value;
    });
  }
}

/** Decodes references with a decoder made for this call (callers that decode much keep their own EntityDecoder). */
export function decodeEntities(text: string): string {
  return text.includes('&') ? new EntityDecoder().decode(text) : text;
}
