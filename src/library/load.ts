// Reads a seeds folder safely: each bad file is skipped with one reason, and the good ones still load.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { deriveBriefing } from '../briefing/derive.js';
import type { Briefing, DocumentInput } from '../briefing/types.js';
import type { Story } from './library.js';
import { decodeLocal } from '../sources/charset.js';
import type { DocumentMeta } from '../sources/front-matter.js';
import { DOCUMENT_FORMATS, readLocalDocument, type DocumentFormat } from '../sources/local-document.js';

export const SEED_EXTENSIONS = new Set(Object.keys(DOCUMENT_FORMATS));

/** The source files whose code decides what a seed file reads as: a file known by size and mtime is only known while these are unchanged. */
export const READER_SOURCES: readonly URL[] = [
  new URL('load.ts', import.meta.url),
  ...readdirSync(new URL('../sources/', import.meta.url))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => new URL(`../sources/${name}`, import.meta.url)),
];

export interface Skipped {
  file: string;
  reason: string;
}

export interface ReadOptions {
  maxBytes: number;
}

/**
 * `text` is the article text (front matter, markup and page furniture gone) and `meta` what the file states of its
 * title, date, outlet and URL; `charset` is what the bytes were read as: UTF-8 when valid, else their own
 * declaration, else Windows-1252; `unread` names front-matter keys whose values could not be used.
 */
export type ReadResult =
  | {
      ok: true;
      text: string;
      meta: DocumentMeta;
      format: DocumentFormat;
      mtimeMs: number;
      charset: string;
      unread: string[];
    }
  | { ok: false; reason: string };

/** What the briefing engine is given for a file read by readDocument: one path for the seeds folder and `derive`. */
export function documentInput(read: Extract<ReadResult, { ok: true }>, source: string): DocumentInput {
  return { text: read.text, source, ...read.meta };
}

/** Reads one document as UTF-8 text, refusing links out of `root`, oversized, empty and binary files. */
export async function readDocument(path: string, root: string, options: ReadOptions): Promise<ReadResult> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { ok: false, reason: 'it links outside the seeds folder' };
    }
    const info = await stat(real);
    if (!info.isFile()) return { ok: false, reason: 'it is not a regular file' };
    if (info.size > options.maxBytes) return tooLarge(info.size, options);
    // Read through one handle so a file swapped or truncated mid-read is seen as what was read, never mixed.
    const handle = await open(real, 'r');
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    return textOf(bytes, real, info.mtimeMs, options);
  } catch (error) {
    return readError(error);
  }
}

/**
 * readDocument, blocking: for loading a whole folder at start-up, where the asynchronous calls' round trips
 * through the thread pool cost several times the reading itself (seconds at ten thousand files).
 */
export function readDocumentSync(path: string, realRoot: string, options: ReadOptions): ReadResult {
  try {
    const real = realpathSync.native(path);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { ok: false, reason: 'it links outside the seeds folder' };
    }
    // Checked before opening: opening a named pipe would wait for a writer, blocking everything.
    const info = statSync(real);
    if (!info.isFile()) return { ok: false, reason: 'it is not a regular file' };
    if (info.size > options.maxBytes) return tooLarge(info.size, options);
    const fd = openSync(real, 'r');
    try {
      return textOf(readFileSync(fd), real, info.mtimeMs, options);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return readError(error);
  }
}

function tooLarge(size: number, options: ReadOptions): ReadResult {
  return { ok: false, reason: `it is ${formatBytes(size)}, over the ${formatBytes(options.maxBytes)} limit` };
}

/** The text of a document's bytes, or why they are not a document. */
function textOf(bytes: Buffer, file: string, mtimeMs: number, options: ReadOptions): ReadResult {
  if (bytes.length > options.maxBytes)
    return { ok: false, reason: `it grew past the ${formatBytes(options.maxBytes)} limit` };
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return { ok: false, reason: 'it is empty' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'it is binary, not text' };
  const decoded = decodeLocal(bytes);
  const read = readLocalDocument(decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), file);
  if (!read.ok) return read;
  const { text, meta, format, unread } = read.document;
  return { ok: true, text, meta, format, mtimeMs, charset: decoded.charset, unread };
}

function readError(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { ok: false, reason: 'it disappeared while being read (or is a broken link)' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'it cannot be read (permission denied)' };
  if (code === 'ELOOP') return { ok: false, reason: 'it is a link loop' };
  return { ok: false, reason: `it could not be read (${code ?? (error as Error).message})` };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** The documents a path names: a file itself, or the .txt/.md/.html/.htm files directly inside a folder, sorted. */
export async function listDocuments(path: string): Promise<string[]> {
  return (await listFolder(path)).documents;
}

/** listDocuments, and the other files of the folder (not hidden), which are not read. */
export async function listFolder(path: string): Promise<{ documents: string[]; ignored: string[] }> {
  const info = await stat(path);
  if (!info.isDirectory()) return { documents: [resolve(path)], ignored: [] };
  const entries = await readdir(path, { withFileTypes: true });
  const documents: string[] = [];
  const ignored: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    if (SEED_EXTENSIONS.has(extname(entry.name).toLowerCase())) documents.push(resolve(join(path, entry.name)));
    else if (!entry.isDirectory()) ignored.push(resolve(join(path, entry.name)));
  }
  return { documents, ignored };
}

/**
 * Files read before, known by path, size and modification time (the briefing cache, wired in app.ts): a warm start
 * at a hundred thousand files spent most of its time reading, decoding and hashing files that had not changed. The
 * same size and mtime are taken as the same file, as the seeds watcher does.
 */
export interface KnownFiles {
  /** The story a file read before gave, without reading it again; null when it is not known so. */
  known(file: string, size: number, mtimeMs: number, source: string): KnownRead | null;
  /** What reading `file` gave, for the next start. */
  remember(file: string, size: number, mtimeMs: number, read: KnownRead): void;
}

export interface KnownRead {
  briefing: Briefing;
  charset: string;
  unread: string[];
}

/** The file's size and mtime, when it is a regular file inside the root within the size limit; else null. */
function signatureOf(
  path: string,
  realRoot: string,
  options: ReadOptions,
): { real: string; size: number; mtimeMs: number } | null {
  try {
    // A file directly in a folder whose path is its real path, and that is no link, is its own real path: one lstat
    // instead of resolving every component of the path (most of the time a warm start spends per file).
    const plain = dirname(path) === realRoot ? lstatSync(path) : null;
    const real = plain && !plain.isSymbolicLink() ? path : realpathSync.native(path);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const info = plain && real === path ? plain : statSync(real);
    if (!info.isFile() || info.size > options.maxBytes) return null;
    return { real, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/** Files loaded between two turns of the event loop. */
const YIELD_EVERY = 256;

export interface LoadResult {
  stories: Story[];
  skipped: Skipped[];
  /** Files read in a charset other than UTF-8, for the log. */
  charsets: { file: string; charset: string }[];
  /** Files of the folder that are not documents (by extension), named in the log so none is dropped unseen. */
  ignored: string[];
  /** Files loaded with front-matter values that could not be used, and their keys. */
  unread: { file: string; keys: string[] }[];
}

/** Loads every document in `dir`; `source` is the path relative to the working directory, as the user wrote it. */
export async function loadFolder(
  dir: string,
  options: ReadOptions,
  derive = deriveBriefing,
  files?: KnownFiles,
): Promise<LoadResult> {
  const stories: Story[] = [];
  const skipped: Skipped[] = [];
  const charsets: LoadResult['charsets'] = [];
  const unread: LoadResult['unread'] = [];
  let paths: string[];
  let ignored: string[];
  try {
    ({ documents: paths, ignored } = await listFolder(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      stories,
      charsets,
      ignored: [],
      unread,
      skipped: [
        { file: dir, reason: code === 'ENOENT' ? 'the folder does not exist' : `it could not be listed (${code})` },
      ],
    };
  }
  let realRoot: string;
  try {
    realRoot = realpathSync.native(dir);
  } catch (error) {
    return {
      stories,
      charsets,
      ignored: [],
      unread,
      skipped: [{ file: dir, reason: `it could not be resolved (${(error as NodeJS.ErrnoException).code})` }],
    };
  }
  for (let i = 0; i < paths.length; i++) {
    const file = paths[i]!;
    const signature = files ? signatureOf(file, realRoot, options) : null;
    const known = signature && files!.known(signature.real, signature.size, signature.mtimeMs, displayPath(file));
    if (known) {
      if (known.charset !== 'utf-8') charsets.push({ file: displayPath(file), charset: known.charset });
      if (known.unread.length) unread.push({ file: displayPath(file), keys: known.unread });
      stories.push({ briefing: known.briefing, addedAt: signature!.mtimeMs });
    } else {
      const read = readDocumentSync(file, realRoot, options);
      if (read.ok && read.charset !== 'utf-8') charsets.push({ file: displayPath(file), charset: read.charset });
      if (read.ok && read.unread.length) unread.push({ file: displayPath(file), keys: read.unread });
      const story = storyOf(file, read, derive);
      if ('reason' in story) skipped.push(story);
      else {
        stories.push(story);
        // Remembered under what was read: a file that changed while being read is read again next time.
        if (signature && read.ok && read.mtimeMs === signature.mtimeMs)
          files!.remember(signature.real, signature.size, signature.mtimeMs, {
            briefing: story.briefing,
            charset: read.charset,
            unread: read.unread,
          });
      }
    }
    // Let timers and signals through now and then on a large folder.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return { stories, skipped, charsets, ignored: ignored.map(displayPath), unread };
}

export async function loadDocument(
  file: string,
  root: string,
  options: ReadOptions,
  derive = deriveBriefing,
): Promise<Story | Skipped> {
  return storyOf(file, await readDocument(file, root, options), derive);
}

function storyOf(file: string, read: ReadResult, derive: (input: DocumentInput) => Briefing): Story | Skipped {
  const source = displayPath(file);
  if (!read.ok) return { file: source, reason: read.reason };
  try {
    return { briefing: derive(documentInput(read, source)), addedAt: read.mtimeMs };
  } catch (error) {
    return { file: source, reason: `its briefing could not be derived (${(error as Error).message})` };
  }
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
