/**
 * General English and database vocabulary for routing, written from the language (irregular forms,
 * common identifier abbreviations, words that name an attribute without saying it), never from
 * benchmark questions or answers.
 */

function table(entries: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of entries.trim().split(/\s*;\s*/)) {
    const [words, targets] = entry.split(':') as [string, string];
    for (const word of words.trim().split(/\s+/)) map.set(word, targets.trim().split(/\s+/));
  }
  return map;
}

/** Irregular verb and plural forms to the base form the stemmer would give a regular word (both sides). */
export const irregularForms = new Map<string, string>(
  [
    ...table(`
      sang sung: sing; wrote written: write; taught: teach; bought: buy; sold: sell; paid: pay; won: win; lost: lose;
      built: build; made: make; ran: run; flew flown: fly; drove driven: drive; gave given: give; took taken: take;
      held: hold; spent: spend; met: meet; grew grown: grow; chose chosen: choose; fought: fight; ate eaten: eat;
      began begun: begin; became: become; brought: bring; caught: catch; thought: think; kept: keep; sent: send;
      told: tell; spoke spoken: speak; stole stolen: steal; rode ridden: ride; wore worn: wear; drew drawn: draw;
      shot: shoot; knew known: know; bore: bear; struck: strike; sought: seek; taught: teach; dealt: deal; lent: lend;
      people persons: person; men: man; women: woman; children: child; mice: mouse; feet: foot; teeth: tooth;
      geese: goose; wives: wife; knives: knife; lives: life; halves: half; shelves: shelf; wolves: wolf; thieves: thief;
      criteria: criterion; indices: index; analyses: analysis; theses: thesis; media: medium
    `),
  ].map(([word, [base]]) => [word, base!]),
);

/** Abbreviations common in column and table identifiers, expanded in the index only. */
export const identifierAbbreviations = table(`
  dept: department; emp empl: employee; mgr: manager; qty: quantity; addr: address; desc descr: description;
  dob: birth date; yr yrs: year; cust: customer; prod: product; acct: account; tel: telephone; org: organization;
  univ: university; stu stud: student; prof: professor; crs: course; loc: location; lang: language; pop: population;
  govt: government; info: information; pct: percent; temp: temperature; apt: apartment; bldg: building;
  nbr: number; reg: registration; pos: position; fname: first name; lname: last name; ssn: social security;
  lat: latitude; lng lon: longitude; pts: point; mgmt: management; admin: administrator; sched: schedule;
  perf: performance; char: character; cnt: count; avg: average; eng: engine; nat: nationality; natl: national;
  intl: international; hosp: hospital; med: medical; phys: physician; doc: document; cat: category; tx: transaction;
  trans: transaction; txn: transaction; amt: amount; ref: reference; mfr mfg: manufacturer; dist: district
`);

/**
 * Question words that point at an attribute they do not name ("the oldest" asks for age or birth
 * date), or at a common synonym. Alternates match at a discount and never count as extra terms.
 */
export const questionAlternates = table(`
  oldest youngest older younger elder eldest: age birth birthday; born: birth birthday; birthday: birth; died dead death: death;
  tallest shortest taller shorter tall: height; heaviest lightest heavier lighter heavy: weight;
  longest longer long: length; widest wider wide: width; biggest largest smallest bigger larger smaller big large: size;
  cheapest cheaper expensive priciest costly: price cost; cost costs: price; price prices: cost;
  earn earns earned earning earnings: salary income; salary salaries wage wages: pay; populous: population;
  female male woman man women men: gender sex; gender: sex; sex: gender; kid kids: child; movie movies: film;
  film films: movie; nation nations: country; country countries: nation; town towns: city; city cities: town;
  staff worker workers: employee; instructor instructors lecturer lecturers: teacher professor; pupil pupils: student;
  automobile automobiles: car; car cars: vehicle automobile; firm firms corporation corporations: company;
  telephone: phone; phone: telephone; mail: email; married marry: marriage spouse; newest latest earliest recent: date year;
  fastest slowest fast slow faster slower: speed; richest wealthiest: wealth; song songs: track; track tracks: song;
  language languages: speak; speak spoke spoken: language; speaks: language; live lives lived living: reside residence;
  located: location; buy bought purchase purchased: order
`);
