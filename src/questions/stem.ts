// A light English stemmer for matching questions to sentences: folds plurals, -ed, -ing and -ly, and common
// irregular verbs, so "received", "receiving" and "receive" meet. Agent nouns (-er) stay apart on purpose:
// "picker" is not "pick".

const IRREGULAR: Record<string, string> = {
  said: 'say',
  says: 'say',
  told: 'tell',
  shown: 'show',
  showed: 'show',
  held: 'hold',
  won: 'win',
  paid: 'pay',
  made: 'make',
  went: 'go',
  gone: 'go',
  took: 'take',
  taken: 'take',
  ran: 'run',
  began: 'begin',
  begun: 'begin',
  wrote: 'write',
  written: 'write',
  fought: 'fight',
  sent: 'send',
  spent: 'spend',
  left: 'leave',
  lost: 'lose',
  met: 'meet',
  sold: 'sell',
  bought: 'buy',
  brought: 'bring',
  thought: 'think',
  found: 'find',
  gave: 'give',
  given: 'give',
  chose: 'choose',
  chosen: 'choose',
  struck: 'strike',
  stole: 'steal',
  stolen: 'steal',
  knew: 'know',
  known: 'know',
  fell: 'fall',
  fallen: 'fall',
  rose: 'rise',
  risen: 'rise',
  built: 'build',
  caught: 'catch',
  taught: 'teach',
  kept: 'keep',
  led: 'lead',
  felt: 'feel',
  heard: 'hear',
  saw: 'see',
  seen: 'see',
  shot: 'shoot',
  hit: 'hit',
  quit: 'quit',
  set: 'set',
  put: 'put',
  cut: 'cut',
  spoke: 'speak',
  spoken: 'speak',
  drove: 'drive',
  driven: 'drive',
  flew: 'fly',
  flown: 'fly',
  grew: 'grow',
  grown: 'grow',
  threw: 'throw',
  thrown: 'throw',
  died: 'die',
  dying: 'die',
  lying: 'lie',
  news: 'news',
  men: 'man',
  women: 'woman',
  children: 'child',
  people: 'people',
  police: 'police',
  laid: 'lay',
  lain: 'lie',
  bore: 'bear',
  borne: 'bear',
  wore: 'wear',
  worn: 'wear',
  dealt: 'deal',
  meant: 'mean',
  slept: 'sleep',
  swept: 'sweep',
  wept: 'weep',
  sought: 'seek',
  fled: 'flee',
  arrested: 'arrest',
  injured: 'injur',
  injuries: 'injur',
  injury: 'injur',
};

const DOUBLED = /([bdgkmnprt])\1$/;

export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return IRREGULAR[w] ?? w;
  let s = IRREGULAR[w] ?? w;
  if (s !== w) return dropFinalE(s);
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('ied') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(ss|us|is|ys)$/.test(s)) s = s.slice(0, -1);
  else if (s.endsWith('ing') && hasVowel(s.slice(0, -3)) && s.length > 5) s = undouble(s.slice(0, -3));
  else if (s.endsWith('ed') && hasVowel(s.slice(0, -2)) && s.length > 4) s = undouble(s.slice(0, -2));
  else if (s.endsWith('ly') && s.length > 5) s = s.slice(0, -2);
  return dropFinalE(s);
}

// "receive"/"receiv(ed)", "house"/"hous(es)": drop a final e so both forms agree.
function dropFinalE(s: string): string {
  return s.endsWith('e') && s.length > 3 && !s.endsWith('ee') ? s.slice(0, -1) : s;
}

function hasVowel(s: string): boolean {
  return /[aeiouy]/.test(s);
}

function undouble(s: string): string {
  return DOUBLED.test(s) ? s.slice(0, -1) : s;
}

const SURFACES = new Map<string, string[]>();
for (const surface of Object.keys(IRREGULAR)) {
  const term = stem(surface);
  // Most share the stem's start ("said"/"say", "children"/"child"), which finds them already.
  if (surface.startsWith(term.replace(/y$/, ''))) continue;
  SURFACES.set(term, [...(SURFACES.get(term) ?? []), surface]);
}

/** Words written unlike their stem ("went" for "go", "children" for "child"), for finding a stem in raw text. */
export function irregularForms(term: string): readonly string[] {
  return SURFACES.get(term) ?? [];
}
