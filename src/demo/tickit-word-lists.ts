/**
 * Fixed vocabulary of the TICKIT sales demo: the eleven real TICKIT categories, venues, event names
 * and the 2008 US federal holidays. Venue and event names are public names of real venues, shows and
 * artists; the rows built from them are generated.
 */

/** Where an event can take place. */
export type VenueKind = 'stadium' | 'arena' | 'theatre' | 'hall';

/** A TICKIT category: id, group, name, description, the venue kind it uses and its share of events. */
export type TickitCategory = readonly [catid: number, group: string, name: string, description: string, kind: VenueKind, weight: number];

/** The eleven categories of the AWS TICKIT sample, with the event mix skewed to shows and pop as in TICKIT. */
export const tickitCategories: readonly TickitCategory[] = [
  [1, 'Sports', 'MLB', 'Major League Baseball', 'stadium', 3],
  [2, 'Sports', 'NHL', 'National Hockey League', 'arena', 2],
  [3, 'Sports', 'NFL', 'National Football League', 'stadium', 1],
  [4, 'Sports', 'NBA', 'National Basketball Association', 'arena', 2],
  [5, 'Sports', 'MLS', 'Major League Soccer', 'stadium', 1],
  [6, 'Shows', 'Musicals', 'Musical theatre', 'theatre', 13],
  [7, 'Shows', 'Plays', 'All non-musical theatre', 'theatre', 20],
  [8, 'Shows', 'Opera', 'All opera and light opera', 'hall', 5],
  [9, 'Concerts', 'Pop', 'All rock and pop music concerts', 'arena', 45],
  [10, 'Concerts', 'Jazz', 'All jazz singers and bands', 'hall', 4],
  [11, 'Concerts', 'Classical', 'All symphony, concerto, and choir concerts', 'hall', 4],
];

/** Median ticket price in dollars per category id (index 0 unused). */
export const medianTicketPrice: readonly number[] = [0, 130, 160, 240, 190, 80, 420, 320, 380, 350, 200, 230];

/** A well-known venue: name, city, state, seats and kind. */
export type NamedVenue = readonly [name: string, city: string, state: string, seats: number, kind: VenueKind];

/** Real venue names with their cities. */
export const namedVenues: readonly NamedVenue[] = [
  ['Petco Park', 'San Diego', 'CA', 42445, 'stadium'], ['Qualcomm Stadium', 'San Diego', 'CA', 70561, 'stadium'],
  ['San Diego Civic Theatre', 'San Diego', 'CA', 2967, 'theatre'], ['Copley Symphony Hall', 'San Diego', 'CA', 2248, 'hall'],
  ['Yankee Stadium', 'New York', 'NY', 52325, 'stadium'], ['Madison Square Garden', 'New York', 'NY', 20000, 'arena'],
  ['Carnegie Hall', 'New York', 'NY', 2804, 'hall'], ['Metropolitan Opera', 'New York', 'NY', 3800, 'hall'],
  ['Gershwin Theatre', 'New York', 'NY', 1933, 'theatre'], ['Majestic Theatre', 'New York', 'NY', 1645, 'theatre'],
  ['Lyceum Theatre', 'New York', 'NY', 922, 'theatre'], ['Winter Garden Theatre', 'New York', 'NY', 1526, 'theatre'],
  ['Shea Stadium', 'New York', 'NY', 57333, 'stadium'], ['Radio City Music Hall', 'New York', 'NY', 6015, 'hall'],
  ['Dodger Stadium', 'Los Angeles', 'CA', 56000, 'stadium'], ['Staples Center', 'Los Angeles', 'CA', 19060, 'arena'],
  ['Walt Disney Concert Hall', 'Los Angeles', 'CA', 2265, 'hall'], ['Pantages Theatre', 'Los Angeles', 'CA', 2703, 'theatre'],
  ['Hollywood Bowl', 'Los Angeles', 'CA', 17376, 'hall'], ['Wrigley Field', 'Chicago', 'IL', 41118, 'stadium'],
  ['United Center', 'Chicago', 'IL', 20917, 'arena'], ['Soldier Field', 'Chicago', 'IL', 61500, 'stadium'],
  ['Lyric Opera House', 'Chicago', 'IL', 3563, 'hall'], ['Cadillac Palace Theatre', 'Chicago', 'IL', 2344, 'theatre'],
  ['Fenway Park', 'Boston', 'MA', 37400, 'stadium'], ['TD Banknorth Garden', 'Boston', 'MA', 17565, 'arena'],
  ['Symphony Hall', 'Boston', 'MA', 2625, 'hall'], ['Gillette Stadium', 'Foxborough', 'MA', 68756, 'stadium'],
  ['AT&T Park', 'San Francisco', 'CA', 41503, 'stadium'], ['Curran Theatre', 'San Francisco', 'CA', 1667, 'theatre'],
  ['War Memorial Opera House', 'San Francisco', 'CA', 3146, 'hall'], ['Oracle Arena', 'Oakland', 'CA', 19596, 'arena'],
  ['Safeco Field', 'Seattle', 'WA', 47116, 'stadium'], ['KeyArena', 'Seattle', 'WA', 17072, 'arena'],
  ['Coors Field', 'Denver', 'CO', 50445, 'stadium'], ['Pepsi Center', 'Denver', 'CO', 19155, 'arena'],
  ['Minute Maid Park', 'Houston', 'TX', 40950, 'stadium'], ['Toyota Center', 'Houston', 'TX', 18300, 'arena'],
  ['American Airlines Center', 'Dallas', 'TX', 19200, 'arena'], ['Turner Field', 'Atlanta', 'GA', 49586, 'stadium'],
  ['Philips Arena', 'Atlanta', 'GA', 18729, 'arena'], ['Fox Theatre', 'Atlanta', 'GA', 4665, 'theatre'],
  ['Citizens Bank Park', 'Philadelphia', 'PA', 43647, 'stadium'], ['Wachovia Center', 'Philadelphia', 'PA', 19519, 'arena'],
  ['Kimmel Center', 'Philadelphia', 'PA', 2500, 'hall'], ['Kennedy Center Opera House', 'Washington', 'DC', 2364, 'hall'],
  ['Verizon Center', 'Washington', 'DC', 18277, 'arena'], ['RFK Stadium', 'Washington', 'DC', 45596, 'stadium'],
  ['Chase Field', 'Phoenix', 'AZ', 48569, 'stadium'], ['US Airways Center', 'Phoenix', 'AZ', 18422, 'arena'],
  ['MGM Grand Garden Arena', 'Las Vegas', 'NV', 16800, 'arena'], ['Bellagio Theatre', 'Las Vegas', 'NV', 1800, 'theatre'],
  ['Mandalay Bay Events Center', 'Las Vegas', 'NV', 12000, 'arena'], ['Toyota Park', 'Bridgeview', 'IL', 20000, 'stadium'],
  ['Columbus Crew Stadium', 'Columbus', 'OH', 22555, 'stadium'], ['Home Depot Center', 'Carson', 'CA', 27000, 'stadium'],
  ['Ryman Auditorium', 'Nashville', 'TN', 2362, 'hall'], ['Orpheum Theatre', 'Minneapolis', 'MN', 2579, 'theatre'],
  ['Xcel Energy Center', 'St. Paul', 'MN', 18064, 'arena'], ['Busch Stadium', 'St. Louis', 'MO', 46861, 'stadium'],
];

/**
 * Ticker symbols (S&P 500, as in the finance source) of the listed companies whose names the venues
 * carry: naming rights (Pepsi Center), a brand of theirs (Minute Maid Park, Coca-Cola) or their resort.
 */
export const venueSponsorTickers: Readonly<Record<string, string>> = {
  'Qualcomm Stadium': 'QCOM', 'AT&T Park': 'T', 'Oracle Arena': 'ORCL', KeyArena: 'KEY', 'Coors Field': 'TAP',
  'Pepsi Center': 'PEP', 'Minute Maid Park': 'KO', 'American Airlines Center': 'AAL', 'Citizens Bank Park': 'CFG',
  'Verizon Center': 'VZ', 'Chase Field': 'JPM', 'Gillette Stadium': 'PG', 'Cadillac Palace Theatre': 'GM',
  'United Center': 'UAL', 'MGM Grand Garden Arena': 'MGM', 'Home Depot Center': 'HD', 'Xcel Energy Center': 'XEL',
};

/** Generated venues combine a city from the city list with one of these names of the matching kind. */
export const venueSuffixes: readonly (readonly [suffix: string, kind: VenueKind, minimumSeats: number, maximumSeats: number])[] = [
  ['Stadium', 'stadium', 25000, 72000], ['Arena', 'arena', 9000, 21000], ['Civic Center', 'arena', 6000, 15000],
  ['Coliseum', 'arena', 8000, 18000], ['Playhouse', 'theatre', 500, 1500], ['Theatre', 'theatre', 900, 3000],
  ['Performing Arts Center', 'hall', 1500, 3500], ['Symphony Hall', 'hall', 1500, 2800], ['Amphitheatre', 'hall', 5000, 20000],
  ['Music Hall', 'hall', 1200, 3000], ['Ballpark', 'stadium', 15000, 45000], ['Opera House', 'hall', 1500, 3800],
];

function matchups(sport: string, names: readonly string[]): string[] {
  return names.map((home, index) => `${sport}: ${home} vs ${names[(index + 5) % names.length]}`);
}

/** Event names per category id (index 0 unused). */
export const eventNamesByCategory: readonly (readonly string[])[] = [
  [],
  matchups('MLB', ['Yankees', 'Red Sox', 'Dodgers', 'Padres', 'Cubs', 'Mets', 'Giants', 'Braves', 'Rangers']),
  matchups('NHL', ['Bruins', 'Kings', 'Rangers', 'Sharks', 'Flyers', 'Red Wings', 'Blackhawks']),
  matchups('NFL', ['Patriots', 'Chargers', 'Cowboys', 'Giants', 'Bears', 'Steelers', 'Packers']),
  matchups('NBA', ['Lakers', 'Celtics', 'Bulls', 'Knicks', 'Suns', 'Spurs', 'Pistons']),
  matchups('MLS', ['Galaxy', 'Fire', 'Crew', 'Red Bulls', 'Revolution', 'Dynamo']),
  ('Mamma Mia!|Jersey Boys|Spamalot|Legally Blonde|Chicago|Gypsy|Hairspray|Grease|South Pacific|Wicked|The Lion King|' +
    'Phantom of the Opera|Les Miserables|Rent|Avenue Q|Young Frankenstein|Mary Poppins|In the Heights|The Little Mermaid|' +
    'Xanadu|Spring Awakening|Cats|A Chorus Line|Monty Python\'s Spamalot|Shrek the Musical').split('|'),
  ('Macbeth|The Country Girl|Rhinoceros|The Caretaker|Thurgood|Hedda Gabler|Waiting for Godot|Uncle Vanya|The Seagull|' +
    'The Glass Menagerie|November|The Homecoming|The 39 Steps|The Cherry Orchard|Othello|As You Like It|Hamlet|King Lear|' +
    'Equus|Doubt|August: Osage County|Boeing-Boeing|Cat on a Hot Tin Roof|Death of a Salesman|Our Town|Blue Man Group|' +
    'Cirque du Soleil|A Streetcar Named Desire|Twelfth Night|The Importance of Being Earnest').split('|'),
  ('Gotterdammerung|Boris Godunov|Salome|La Cenerentola (Cinderella)|Il Trovatore|La Boheme|Tosca|Carmen|Aida|' +
    'Madama Butterfly|Don Giovanni|The Magic Flute|Rigoletto|La Traviata|Otello|Fidelio|Lohengrin|Turandot').split('|'),
  ('Linkin Park|Beck|Coldplay|The Killers|Kings of Leon|Foo Fighters|Radiohead|Bruce Springsteen|Bon Jovi|Madonna|' +
    'Kanye West|Rihanna|Alicia Keys|Mariah Carey|Celine Dion|Eagles|Rolling Stones|Tom Petty|Dave Matthews Band|' +
    'Jack Johnson|John Mayer|Maroon 5|Fall Out Boy|Paramore|Jonas Brothers|Miley Cyrus|Carrie Underwood|Kenny Chesney|' +
    'Tim McGraw|Rascal Flatts|Neil Diamond|Billy Joel|Elton John|Journey|Def Leppard|Metallica|Nine Inch Nails|' +
    'Stone Temple Pilots|The Police|Duran Duran|Pearl Jam|R.E.M.|Modest Mouse|Death Cab for Cutie|Vampire Weekend|' +
    'Amy Winehouse|Norah Jones|Josh Groban|Shakira|Gwen Stefani').split('|'),
  ('Wynton Marsalis|Diana Krall|Herbie Hancock|Chick Corea|Pat Metheny|Sonny Rollins|Dave Brubeck Quartet|' +
    'Preservation Hall Jazz Band|Branford Marsalis|Cassandra Wilson|Harry Connick Jr.|Tony Bennett').split('|'),
  ('Beethoven Symphony No. 9|Mahler Symphony No. 2|Handel Messiah|Bach Mass in B Minor|Mozart Requiem|' +
    'Tchaikovsky Piano Concerto No. 1|Brahms Violin Concerto|Dvorak New World Symphony|Vivaldi The Four Seasons|' +
    'Verdi Requiem|Rachmaninoff Piano Concerto No. 2|Holst The Planets').split('|'),
];

/** 2008 US federal holidays. */
export const holidays2008: readonly string[] = [
  '2008-01-01', '2008-01-21', '2008-02-18', '2008-05-26', '2008-07-04',
  '2008-09-01', '2008-10-13', '2008-11-11', '2008-11-27', '2008-12-25',
];

/** Curtain times used by events, as HH:MM:SS. */
export const eventStartTimes: readonly string[] = ['14:00:00', '14:30:00', '15:00:00', '19:00:00', '19:30:00', '20:00:00'];
