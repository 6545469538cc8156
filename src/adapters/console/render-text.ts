// Renders a Reply as terminal text. User-supplied text is stripped of control characters so it cannot
// move the cursor, recolour the terminal or fake another line's prompt.
import { attribution, linkLine, type Reply } from '../../core/reply.js';

export function plainText(text: string): string {
  return text
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
}

export function renderText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(`== ${plainText(reply.title)} ==`);
  for (const section of reply.sections) {
    if (section.heading) lines.push('', `${plainText(section.heading)}:`);
    for (const block of section.blocks) {
      switch (block.type) {
        case 'text':
          lines.push(plainText(block.text));
          break;
        case 'bullets':
          block.items.forEach((item, i) => lines.push(`${block.ordered ? `${i + 1}.` : '  •'} ${plainText(item)}`));
          break;
        case 'quotes':
          for (const q of block.items) lines.push(`  “${plainText(q.text)}” — ${plainText(attribution(q))}`);
          break;
        case 'fields':
          for (const f of block.items) lines.push(`  ${plainText(f.name)}: ${plainText(f.value)}`);
          break;
      }
    }
  }
  if (reply.footer)
    lines.push(
      '',
      ...plainText(reply.footer)
        .split('\n')
        .map((l) => `— ${l}`),
    );
  if (reply.link) lines.push(`— Original: ${plainText(linkLine(reply.link))}`);
  return lines.join('\n');
}
