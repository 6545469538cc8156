// The Porter stemmer as NLTK runs it by default (mode NLTK_EXTENSIONS), which is what rouge_score uses.

const IRREGULAR: Record<string, string> = {
  skies: 'sky',
  sky: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  news: 'news',
  innings: 'inning',
  inning: 'inning',
  outings: 'outing',
  outing: 'outing',
  cannings: 'canning',
  canning: 'canning',
  howe: 'howe',
  proceed: 'proceed',
  exceed: 'exceed',
  succeed: 'succeed',
};

function isConsonant(w: string, i: number): boolean {
  const c = w[i]!;
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** Number of vowel-consonant sequences ("m" in Porter's paper). */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const vowel = !isConsonant(stem, i);
    if (!vowel && prevVowel) m++;
    prevVowel = vowel;
  }
  return m;
}

const hasVowel = (stem: string) => [...stem].some((_, i) => !isConsonant(stem, i));
const doubleConsonant = (w: string) =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);

function endsCvc(w: string): boolean {
  const n = w.length;
  if (n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1))
    return !'wxy'.includes(w[n - 1]!);
  return n === 2 && !isConsonant(w, 0) && isConsonant(w, 1);
}

/** Applies the first rule whose suffix matches; a matching suffix whose condition fails stops the step. */
function applyRules(word: string, rules: Array<[string, string, ((stem: string) => boolean) | null]>): string {
  for (const [suffix, repl, cond] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    return !cond || cond(stem) ? stem + repl : word;
  }
  return word;
}

const m0 = (s: string) => measure(s) > 0;
const m1 = (s: string) => measure(s) > 1;

function step1a(w: string): string {
  if (w.endsWith('ies') && w.length === 4) return w.slice(0, -1);
  return applyRules(w, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(w: string): string {
  if (w.endsWith('ied')) return w.length === 4 ? w.slice(0, -1) : w.slice(0, -3) + 'i';
  if (w.endsWith('eed')) {
    const stem = w.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : w;
  }
  for (const suffix of ['ed', 'ing']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (!hasVowel(stem)) return w;
    if (/(at|bl|iz)$/.test(stem)) return stem + 'e';
    if (doubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
    if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
    return stem;
  }
  return w;
}

function step1c(w: string): string {
  const stem = w.slice(0, -1);
  return w.endsWith('y') && stem.length > 1 && isConsonant(w, w.length - 2) ? stem + 'i' : w;
}

function step2(w: string): string {
  if (w.endsWith('alli') && m0(w.slice(0, -4))) return step2(w.slice(0, -4) + 'al');
  return applyRules(w, [
    ['ational', 'ate', m0],
    ['tional', 'tion', m0],
    ['enci', 'ence', m0],
    ['anci', 'ance', m0],
    ['izer', 'ize', m0],
    ['bli', 'ble', m0],
    ['alli', 'al', m0],
    ['entli', 'ent', m0],
    ['eli', 'e', m0],
    ['ousli', 'ous', m0],
    ['ization', 'ize', m0],
    ['ation', 'ate', m0],
    ['ator', 'ate', m0],
    ['alism', 'al', m0],
    ['iveness', 'ive', m0],
    ['fulness', 'ful', m0],
    ['ousness', 'ous', m0],
    ['aliti', 'al', m0],
    ['iviti', 'ive', m0],
    ['biliti', 'ble', m0],
    ['fulli', 'ful', m0],
    ['logi', 'log', (s) => m0(s + 'l')],
  ]);
}

function step3(w: string): string {
  return applyRules(w, [
    ['icate', 'ic', m0],
    ['ative', '', m0],
    ['alize', 'al', m0],
    ['iciti', 'ic', m0],
    ['ical', 'ic', m0],
    ['ful', '', m0],
    ['ness', '', m0],
  ]);
}

function step4(w: string): string {
  return applyRules(w, [
    ['al', '', m1],
    ['ance', '', m1],
    ['ence', '', m1],
    ['er', '', m1],
    ['ic', '', m1],
    ['able', '', m1],
    ['ible', '', m1],
    ['ant', '', m1],
    ['ement', '', m1],
    ['ment', '', m1],
    ['ent', '', m1],
    ['ion', '', (s) => m1(s) && /[st]$/.test(s)],
    ['ou', '', m1],
    ['ism', '', m1],
    ['ate', '', m1],
    ['iti', '', m1],
    ['ous', '', m1],
    ['ive', '', m1],
    ['ize', '', m1],
  ]);
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

export function porterStem(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 2) return w;
  return step5(step4(step3(step2(step1c(step1b(step1a(w)))))));
}
