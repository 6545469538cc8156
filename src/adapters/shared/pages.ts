// Paging within a platform's limits: items (blocks, embeds) go in order onto pages (messages) that hold at most
// so many items and so many characters. The limits are each adapter's own data; this is the one rule for filling.

export interface PageLimits {
  /** Items a page may hold. */
  items: number;
  /** Total size (characters) a page may hold. */
  size: number;
}

/** Whether one more item of `size` fits a page already holding `count` items of total size `used`. */
export function fitsPage(limits: PageLimits, count: number, used: number, size: number): boolean {
  return count < limits.items && used + size <= limits.size;
}

/** The items in order, on as few pages as the limits allow; an item too big for any page gets one to itself. */
export function paginate<T>(items: readonly T[], sizeOf: (item: T) => number, limits: PageLimits): T[][] {
  const pages: T[][] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    const current = pages[pages.length - 1];
    if (current && fitsPage(limits, current.length, used, size)) {
      current.push(item);
      used += size;
      continue;
    }
    pages.push([item]);
    used = size;
  }
  return pages;
}
