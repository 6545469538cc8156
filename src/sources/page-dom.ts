// What the page readers share: the few DOM members they use (linkedom's own types are loose), whitespace
// cleaning, and ISO dates from the strings pages carry.

export interface Node_ {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node_>;
  parentNode: Node_ | null;
}
export interface Element_ extends Node_ {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector(selector: string): Element_ | null;
  remove(): void;
  replaceWith(node: unknown): void;
  closest(selector: string): Element_ | null;
}
export interface Document_ {
  documentElement: Element_ | null;
  body: Element_ | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector(selector: string): Element_ | null;
  createElement(tag: string): Element_ & { textContent: string };
}

/** The value with its whitespace runs made single spaces, or null when nothing is left. */
export function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

/** An ISO-8601 form of a date string, or null when it does not parse. */
export function isoDate(value: string | null | undefined): string | null {
  const v = clean(value);
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms).toISOString() : null;
}
