import { cleanDocument } from '../src/briefing/clean.js';
import { extractEntities } from '../src/briefing/entities.js';
import { speakerCandidates, extractQuotes } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { loadPolnear, matchFor, strictMatch } from './polnear.js';
let n = 0, oracle = 0, ruleNull = 0, ruleNullOracle = 0, noCands = 0;
const show: string[] = [];
for (const a of loadPolnear('train')) {
  const s = splitSentences(cleanDocument(a.article));
  const cands = speakerCandidates(a.article, s);
  const qs = extractQuotes(a.article, s, extractEntities(s), { ranker: null });
  for (const at of a.attributions) {
    if (at.type !== 'direct' || !at.source || at.source.some((x) => x.is_pronoun)) continue;
    const src = at.source.map((x) => x.text).join(' ');
    if (!/\p{Lu}/u.test(src)) continue;
    for (const g of at.quoted_segments) {
      if (g.text.split(/\s+/).length < 4) continue;
      const p = matchFor(g, cands.map((c) => ({ ...c, speaker: null })), new Set()) as unknown as (typeof cands)[number] | undefined;
      const r = matchFor(g, qs, new Set());
      if (!p) continue;
      n++;
      const c = cands.find((c) => c.start === p.start)!;
      const ok = c.candidates.some((k) => strictMatch(src, k.name));
      if (ok) oracle++;
      if (!c.candidates.length) noCands++;
      if (!r?.speaker) { ruleNull++; if (ok) ruleNullOracle++; else if (show.length < 40 && /^[A-Z]/.test(src)) show.push(`${src} | cands ${c.candidates.map((k) => k.name).join(', ')} :: ${a.article.slice(Math.max(0, p.start - 150), p.start).replace(/\n/g, ' / ')} <<${g.text.slice(0, 50)}>> ${a.article.slice(p.end, p.end + 60).replace(/\n/g, ' / ')}`); }
    }
  }
}
console.log({ n, oracle, ruleNull, ruleNullOracle, noCands });
console.log(show.join('\n'));
