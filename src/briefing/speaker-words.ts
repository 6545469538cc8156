// The words and patterns the speaker resolver reads subjects with: where a subject's head ends, leads that are no
// subject, possession, partisan tags, unnamed sources, the groups and roles that name nobody in particular.
import { alternation, perLexicon, type Lexicon } from './lexicon/lexicon.js';

// The noun phrase heading a subject stops at appositives, parentheses, trailing prepositional phrases and clauses
// ("Dan Golvach when asked about X", "another source speaking to Fox News").
export const HEAD_END =
  /,|\(|\s(?:for|of|at|from|with|in|on|during|to|after|before)\s+(?:the\s|a\s|an\s|his\s|her\s|its\s|[a-z])|\s(?:who|which|whose)\s|\s[—–]\s|\s(?:when|while|whom|speaking|talking|writing|appearing|responding|referring)\s/;
export const VIA =
  /\b(?:per|according to|told|to|with|on|in an interview with)\s+(?:the\s+|an?\s+)?([A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*)*)/g;

// A sentence's subject is a person named first, after at most a conjunction and title words.
export const LEAD_CONJUNCTION = /^(?:But|And|So|Still|Then|Now|Meanwhile|Later|Earlier|Also|Yet),?$/;
export const isSubjectLead = (lex: Lexicon, lead: string): boolean =>
  lead
    .replace(/^[\s“"‘'(—–-]+/, '')
    .replace(INTRO, '')
    .split(/\s+/)
    .filter(Boolean)
    .every(
      (w, i) =>
        (i === 0 && LEAD_CONJUNCTION.test(w)) ||
        (/^[A-Z]/.test(w) && !lex.notNames.has(w.toLowerCase().replace(/\.$/, ''))) ||
        lex.honorifics.has(w.toLowerCase().replace(/\.$/, '')),
    );
// A short opening phrase before the subject: "On Monday night, Clinton…", "In response, Suu Kyi…".
export const INTRO =
  /^(?:On|In|At|During|After|Before|Since|Earlier|Later|Last|This|Over|By|With|For|Back|Then|Still|Now)\b[^,;:“”"]{0,40},\s+/;
// Title abbreviations, so "Indiana Gov. Mike Pence" is described as a governor.
export const ABBREVIATED: Record<string, string> = {
  gov: 'governor',
  sen: 'senator',
  rep: 'representative',
  gen: 'general',
  lt: 'lieutenant',
  sec: 'secretary',
  pres: 'president',
  atty: 'attorney',
  supt: 'superintendent',
  amb: 'ambassador',
};
// "Obama’s former campaign strategist", "Trump’s running mate": someone described through another person.
export const POSSESSED = /^(?:[A-Z][\p{L}.’'-]*\s+)*[A-Z][\p{L}.-]*[’']s\s+((?:[a-z][\p{L}-]*\s+)*[a-z][\p{L}-]*)$/u;
export const MODIFIES =
  /^(?:[’']s|\.)?\s+(?!(?:for|of|at|from|with|in|on|to|and|or|who|which|that|during|after|before|as|also|has|had|have|is|was|will|would)\b)[a-z]/;
export const PARTISAN =
  /^(?:Republican|Democrat|Democratic|Independent|Conservative|Liberal|Libertarian|Hispanic|Latino|Latina|Black|White|Asian)s?$/;
export const SHE =
  /\b(?:Mrs|Ms|Miss|First Lady|first lady|mother|wife|daughter|sister|woman|girl|grandmother|actress|widow|congresswoman|chairwoman|businesswoman|spokeswoman)\b/;
export const HE =
  /\b(?:Mr|father|husband|son|brother|man|boy|grandfather|actor|widower|congressman|chairman|businessman|spokesman)\b/;
// "X's lawyer", "X's relatives": people of someone's ("X's response was:" stays X's own words).
export const SOMEONE_OF =
  /^[’']s?\s+(?:[a-z-]+\s+)?(?:lawyers?|attorneys?|relatives|family|wife|husband|mother|father|sons?|daughters?|brothers?|sisters?|friends?|aides?|advisers?|advisors?|spokes(?:man|woman|person)|staff(?:ers?)?|supporters|allies|campaign|office|team|lawmakers)\b/;
export const LEADING_PHRASE =
  /^(?:Like|Unlike|After|Before|With|Without|Following|Despite|Besides|Beyond|Against|Alongside|When|While|Although|Though|If|Because|Since|Once|Until)\b[^,]{0,160},/;
/** Group and party words that the entity finder may take for a name ("Protesters said", "Republican claims"). */
export const noSpeaker = (lex: Lexicon, name: string) => lex.groups.has(name.toLowerCase()) || PARTISAN.test(name);
// "Mr Pring’s mother, Irene Pring, said": the appositive names the subject.
export const POSSESSED_APPOSITIVE = /^[’']s?(?:\s+[a-z][\w-]*){1,4},\s+(?:[A-Z][\w.]*\s+)*$/;
// "Hillary Clinton’s campaign manager Robby Mook": the possessor is not the person.
export const POSSESSED_TITLE = /^[’']s?(?:\s+[a-z][\w-]*){1,4}\s+$/;
/** A speech verb anywhere: the sentence reports speech. */
export const reports = perLexicon((lex) => new RegExp(String.raw`\b(?:${alternation(lex.speechVerbs)})\b`));
