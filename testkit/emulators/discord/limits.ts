// Discord's documented message limits, checked the way the API does: a body that breaks one is refused with
// 400 / 50035 "Invalid Form Body", so a renderer that overflows fails loudly in tests as it would in production.

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
} as const;

interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name?: string; value?: string }>;
  footer?: { text?: string };
  author?: { name?: string };
}

const len = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

/** Every rule the body breaks, empty when Discord would accept it. */
export function messageProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== 'object') return ['body is not a JSON object'];
  const b = body as { content?: unknown; embeds?: unknown };
  if (len(b.content) > LIMITS.content) problems.push(`content is ${len(b.content)} > ${LIMITS.content}`);
  const embeds = (Array.isArray(b.embeds) ? b.embeds : []) as Embed[];
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    if (len(e.title) > LIMITS.title) problems.push(`${at}.title is ${len(e.title)} > ${LIMITS.title}`);
    if (len(e.description) > LIMITS.description)
      problems.push(`${at}.description is ${len(e.description)} > ${LIMITS.description}`);
    if ((e.fields?.length ?? 0) > LIMITS.fields)
      problems.push(`${at} has ${e.fields!.length} fields > ${LIMITS.fields}`);
    e.fields?.forEach((f, j) => {
      if (len(f.name) === 0 || len(f.value) === 0) problems.push(`${at}.fields[${j}] has an empty name or value`);
      if (len(f.name) > LIMITS.fieldName)
        problems.push(`${at}.fields[${j}].name is ${len(f.name)} > ${LIMITS.fieldName}`);
      if (len(f.value) > LIMITS.fieldValue)
        problems.push(`${at}.fields[${j}].value is ${len(f.value)} > ${LIMITS.fieldValue}`);
      total += len(f.name) + len(f.value);
    });
    if (len(e.footer?.text) > LIMITS.footer)
      problems.push(`${at}.footer.text is ${len(e.footer?.text)} > ${LIMITS.footer}`);
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
    if (!e.title && !e.description && !e.fields?.length && !e.footer?.text && !e.author?.name)
      problems.push(`${at} is empty`);
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} > ${LIMITS.embedTotal}`);
  if (!len(b.content) && embeds.length === 0) problems.push('message has neither content nor embeds');
  return problems;
}
