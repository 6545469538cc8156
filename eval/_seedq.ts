import { readFileSync, readdirSync } from 'node:fs';
const root = process.argv[2]!;
const { deriveBriefing } = await import(`${root}/src/briefing/derive.ts`);
for (const f of readdirSync(`${root}/seeds`)) {
  const b = deriveBriefing({ text: readFileSync(`${root}/seeds/${f}`, 'utf8'), source: f });
  for (const q of b.quotes) console.log(`${q.speaker} | ${q.text.slice(0, 70)}`);
  console.log('posts:', JSON.stringify(b.socialPosts.map((p: { author?: string; text?: string }) => [p.author, (p.text ?? '').slice(0, 60)])));
}
