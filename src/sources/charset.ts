// Bytes to text: the charset from Content-Type, then the BOM, then the XML declaration or <meta charset>;
// bytes that are not valid UTF-8 and name no charset are read as Windows-1252, as browsers do.
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The charset the bytes were read as, lower case (e.g. "utf-8", "windows-1252", "shift_jis"). */
  charset: string;
  /** Where the charset came from. */
  source: 'content-type' | 'bom' | 'declaration' | 'valid-utf-8' | 'fallback';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset parameter of a Content-Type header, if it names one iconv-lite knows. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  const name = match?.[1];
  return name && known(name) ? normalise(name) : undefined;
}

/** Decodes bytes served with `contentType` (or, for a local file, none). */
export function decodeBytes(bytes: Uint8Array, contentType?: string): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomOf(buffer);
  // A BOM is stronger evidence than a header (the WHATWG encoding standard lets it win); a declared header
  // comes next; then what the document says of itself.
  if (bom) return decodeAs(buffer.subarray(bom.length), bom.charset, 'bom');
  const declared = charsetOfContentType(contentType);
  // A header claiming UTF-8 over bytes that are not UTF-8 is wrong; the document's own word is tried next.
  if (declared && (declared !== 'utf-8' || isUtf8(buffer))) return decodeAs(buffer, declared, 'content-type');
  const inDocument = declaredInDocument(buffer);
  if (inDocument) return decodeAs(buffer, inDocument, 'declaration');
  return decodeLocal(buffer);
}

/** Decodes bytes with no headers (a local file): UTF-8 when valid, else its own declaration, else Windows-1252. */
export function decodeLocal(bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomOf(buffer);
  if (bom) return decodeAs(buffer.subarray(bom.length), bom.charset, 'bom');
  try {
    return { text: utf8.decode(buffer), charset: 'utf-8', source: 'valid-utf-8' };
  } catch {
    const inDocument = declaredInDocument(buffer);
    if (inDocument && inDocument !== 'utf-8') return decodeAs(buffer, inDocument, 'declaration');
    return decodeAs(buffer, 'windows-1252', 'fallback');
  }
}

function isUtf8(buffer: Buffer): boolean {
  try {
    utf8.decode(buffer);
    return true;
  } catch {
    return false;
  }
}

function decodeAs(buffer: Buffer, charset: string, source: Decoded['source']): Decoded {
  // Latin-1 labels mean Windows-1252 on the web (WHATWG): the C1 range holds curly quotes and dashes.
  const used = charset === 'iso-8859-1' || charset === 'latin1' || charset === 'us-ascii' ? 'windows-1252' : charset;
  return { text: iconv.decode(buffer, used, { stripBOM: true }), charset: used, source };
}

function bomOf(buffer: Buffer): { charset: string; length: number } | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The charset named by an XML declaration, <meta charset> or <meta http-equiv content-type> in the first 2 KB. */
function declaredInDocument(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 2048).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const meta = /<meta[^>]+charset\s*=\s*["']?([^"'\s;/>]+)/i.exec(head);
  const name = xml?.[1] ?? meta?.[1];
  return name && known(name) ? normalise(name) : undefined;
}

function known(name: string): boolean {
  return iconv.encodingExists(name.trim());
}

function normalise(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower === 'utf8' ? 'utf-8' : lower === 'sjis' || lower === 'shift-jis' ? 'shift_jis' : lower;
}
