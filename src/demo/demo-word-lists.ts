/**
 * Word lists shared by the demo generators: people's names, US places and a few business terms.
 * They are invented or common public words, not copied rows of any sample database.
 */

/** Common US first names given to men. */
export const maleFirstNames: readonly string[] = (
  'James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark ' +
  'Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan Jacob Gary ' +
  'Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond ' +
  'Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy Walter'
).split(' ');

/** Common US first names given to women. */
export const femaleFirstNames: readonly string[] = (
  'Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley ' +
  'Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy ' +
  'Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Maria ' +
  'Olivia Heather Diane Julie Joyce Victoria Kelly Christina Lauren Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline'
).split(' ');

/** All first names. */
export const firstNames: readonly string[] = [...maleFirstNames, ...femaleFirstNames];

/** Common US last names. */
export const lastNames: readonly string[] = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson ' +
  'Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young ' +
  'Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter ' +
  'Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook ' +
  'Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks ' +
  'Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster ' +
  'Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons'
).split(' ');

/** A US city: name, two-letter state, telephone area code and a relative population weight. */
export type UsCity = readonly [city: string, state: string, areaCode: string, weight: number];

/** US cities used for people and venues; weights skew users toward large metros (San Diego included). */
export const usCities: readonly UsCity[] = [
  ['New York', 'NY', '212', 30], ['Los Angeles', 'CA', '213', 22], ['Chicago', 'IL', '312', 16], ['Houston', 'TX', '713', 12],
  ['Phoenix', 'AZ', '602', 9], ['Philadelphia', 'PA', '215', 9], ['San Antonio', 'TX', '210', 8], ['San Diego', 'CA', '619', 12],
  ['Dallas', 'TX', '214', 8], ['San Jose', 'CA', '408', 6], ['Austin', 'TX', '512', 6], ['Jacksonville', 'FL', '904', 5],
  ['San Francisco', 'CA', '415', 9], ['Columbus', 'OH', '614', 5], ['Fort Worth', 'TX', '817', 5], ['Indianapolis', 'IN', '317', 5],
  ['Charlotte', 'NC', '704', 5], ['Seattle', 'WA', '206', 7], ['Denver', 'CO', '303', 6], ['Washington', 'DC', '202', 7],
  ['Boston', 'MA', '617', 7], ['Nashville', 'TN', '615', 5], ['Baltimore', 'MD', '410', 5], ['Oklahoma City', 'OK', '405', 4],
  ['Portland', 'OR', '503', 5], ['Las Vegas', 'NV', '702', 6], ['Louisville', 'KY', '502', 4], ['Milwaukee', 'WI', '414', 4],
  ['Albuquerque', 'NM', '505', 3], ['Tucson', 'AZ', '520', 3], ['Fresno', 'CA', '559', 3], ['Sacramento', 'CA', '916', 4],
  ['Kansas City', 'MO', '816', 4], ['Atlanta', 'GA', '404', 6], ['Miami', 'FL', '305', 6], ['Raleigh', 'NC', '919', 3],
  ['Omaha', 'NE', '402', 3], ['Minneapolis', 'MN', '612', 5], ['Tulsa', 'OK', '918', 2], ['Cleveland', 'OH', '216', 4],
  ['Tampa', 'FL', '813', 4], ['New Orleans', 'LA', '504', 4], ['Pittsburgh', 'PA', '412', 4], ['Cincinnati', 'OH', '513', 3],
  ['St. Louis', 'MO', '314', 4], ['Orlando', 'FL', '407', 4], ['Detroit', 'MI', '313', 5], ['Salt Lake City', 'UT', '801', 3],
  ['Honolulu', 'HI', '808', 2], ['Buffalo', 'NY', '716', 2], ['Newark', 'NJ', '973', 3], ['Hartford', 'CT', '860', 2],
  ['Providence', 'RI', '401', 2], ['Richmond', 'VA', '804', 2], ['Birmingham', 'AL', '205', 2], ['Memphis', 'TN', '901', 3],
  ['Anchorage', 'AK', '907', 1], ['Boise', 'ID', '208', 1], ['Des Moines', 'IA', '515', 1], ['Little Rock', 'AR', '501', 1],
  ['Charleston', 'SC', '843', 1], ['Wilmington', 'DE', '302', 1], ['Portland', 'ME', '207', 1], ['Burlington', 'VT', '802', 1],
  ['Manchester', 'NH', '603', 1], ['Billings', 'MT', '406', 1], ['Fargo', 'ND', '701', 1], ['Sioux Falls', 'SD', '605', 1],
  ['Cheyenne', 'WY', '307', 1], ['Jackson', 'MS', '601', 1], ['Wichita', 'KS', '316', 1], ['Charleston', 'WV', '304', 1],
];

/** E-mail domains for generated addresses. */
export const emailDomains: readonly string[] = [
  'example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net', 'post.example.org',
];

/** US states weighted by rough population share, for insurance customers. */
export const weightedStates: readonly (readonly [string, number])[] = [
  ['CA', 39], ['TX', 29], ['FL', 22], ['NY', 20], ['PA', 13], ['IL', 13], ['OH', 12], ['GA', 11], ['NC', 11], ['MI', 10],
  ['NJ', 9], ['VA', 9], ['WA', 8], ['AZ', 7], ['MA', 7], ['TN', 7], ['IN', 7], ['MD', 6], ['MO', 6], ['WI', 6],
  ['CO', 6], ['MN', 6], ['SC', 5], ['AL', 5], ['LA', 5], ['KY', 5], ['OR', 4], ['OK', 4], ['CT', 4], ['UT', 3],
  ['IA', 3], ['NV', 3], ['AR', 3], ['MS', 3], ['KS', 3], ['NM', 2], ['NE', 2], ['ID', 2], ['WV', 2], ['HI', 1],
  ['NH', 1], ['ME', 1], ['MT', 1], ['RI', 1], ['DE', 1], ['SD', 1], ['ND', 1], ['AK', 1], ['VT', 1], ['WY', 1],
];
