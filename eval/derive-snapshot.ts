// `npm run snapshot:derive`: a fingerprint of every briefing the engine derives from the seeds and the shared eval
// articles, to prove that a restructuring changed no output. `--write FILE` saves one hash per article; `--check FILE`
// compares against a saved file and names the articles whose briefing differs (names only, never their content).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveBriefing } from '../src/briefing/derive.js';
import { readJsonl, SHARED_EVAL } from './data.js';

const SEEDS = fileURLToPath(new URL('../seeds/', import.meta.url));
const CORPORA = [
  'cnndm-sample',
  'xsum-sample',
  'quotes-polnear-dev',
  'quotes-polnear-test',
  'quotes-polnear-train',
  'ecbplus-dev',
];

function inputs(): Array<{ key: string; source: string; text: string }> {
  const out: Array<{ key: string; source: string; text: string }> = [];
  for (const name of readdirSync(SEEDS).sort()) {
    out.push({ key: `seeds/${name}`, source: name, text: readFileSync(join(SEEDS, name), 'utf8') });
  }
  for (const corpus of CORPORA) {
    const path = join(SHARED_EVAL, `${corpus}.jsonl`);
    if (!existsSync(path)) continue;
    for (const r of readJsonl<{ id: string; article?: string; text?: string }>(path)) {
      const text = r.article ?? r.text;
      if (text) out.push({ key: `${corpus}/${r.id}`, source: `${r.id}.txt`, text });
    }
  }
  return out;
}

const hashes: Record<string, string> = {};
for (const { key, source, text } of inputs()) {
  hashes[key] = createHash('sha256')
    .update(JSON.stringify(deriveBriefing({ source, text })))
    .digest('hex')
    .slice(0, 16);
}
const total = createHash('sha256').update(JSON.stringify(hashes)).digest('hex').slice(0, 16);
console.log(`${Object.keys(hashes).length} briefings, fingerprint ${total}`);

const [flag, file] = process.argv.slice(2);
if (flag === '--write' && file) writeFileSync(file, JSON.stringify(hashes, null, 1) + '\n');
if (flag === '--check' && file) {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const changed = Object.keys({ ...saved, ...hashes }).filter((k) => saved[k] !== hashes[k]);
  const byCorpus = new Map<string, number>();
  for (const k of changed) byCorpus.set(k.split('/')[0]!, (byCorpus.get(k.split('/')[0]!) ?? 0) + 1);
  console.log(
    changed.length
      ? `${changed.length} briefings differ: ${[...byCorpus].map(([c, n]) => `${c} ${n}`).join(', ')}`
      : 'no briefing differs',
  );
  for (const k of changed.filter((k) => !k.startsWith('quotes-polnear-test/')).slice(0, 20)) console.log(`  ${k}`);
  process.exitCode = changed.length ? 1 : 0;
}
