/**
 * Why a question was read as continuing its conversation: the kind of cue found, and the words of
 * the question that carry it.
 */
export interface FollowUpCue {
  /** The kind of cue. */
  readonly kind:
    | 'continuation-opener'
    | 'modifier-fragment'
    | 'short-fragment'
    | 'no-content-word'
    | 'demonstrative'
    | 'pronoun-without-antecedent'
    | 'back-reference'
    | 'trailing-modifier'
    | 'refinement-command';
  /** The words that carry it. */
  readonly words: string;
}

// Words that open a reply to the previous turn rather than a question of their own.
const continuationOpener =
  /^(?:and|but|or|also|plus|then|so|ok(?:ay)?|now|same|again|only|just|except|excluding|instead|versus|vs\.?|compared(?:\s+(?:to|with))?|what\s+about|how\s+about|what\s+if|what\s+else|why\s+not|not\s+only)\b/i;

// A leading preposition narrows something said before ("in 2009?", "by region") unless a question
// clause of its own follows ("In which year …", "For each department, how many …").
const modifierOpener = /^(?:in|for|by|per|during|from|since|before|after|between|within|over|under|at|on|with|without|including|among|across|through|until|to|outside|inside|except\s+for)\b/i;
const questionClause = /\b(?:how|what|which|who|whom|whose|when|where|why|show|list|give|find|name|count|is|are|was|were|do|does|did)\b/i;

// What a complete question starts with: an interrogative, an auxiliary or an imperative verb.
const questionOpener =
  /^(?:how|what(?:'s)?|which|who(?:'s)?|whom|whose|when|where|why|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|show|list|give|find|get|name|count|tell|compute|calculate|display|return|rank|compare|plot|chart|sum|total|identify|retrieve|fetch|report|summari[sz]e|break|sort|group|split|filter|i|we)\b/i;

// Words that carry no subject matter: with none of the rest, a question cannot stand alone ("How many?").
const functionWords = new Set(
  (
    'a an the of in on for by per to from with and or but also now then so only just again too ' +
    'how many much what whats which who whom whose when where why is are was were be been being do does did ' +
    'can could will would should has have had show list give me us tell get find break down up sort order group split ' +
    'filter plot chart compare rank limit count each every all same more less fewer than that this those these it its ' +
    'them they their theirs one ones about please instead as well same there here ok okay yes no not same please'
  ).split(' '),
);

// Subject words a pronoun may point back to inside the question itself, which are still not its subject.
const measureWords = new Set(
  'total number sum average mean median count share percentage percent amount max maximum min minimum most least rest half top bottom'.split(' '),
);

// "those", "these" always point somewhere; used as relative pronouns ("those who …", "those of 2008") they may point inside the question.
const demonstrative = /\b(?:those|these)\b(?!\s+(?:who|whose|which|that|of)\b)|\b(?:which|the|those|these)\s+ones\b|^(?:is|was|does|did|has|(?:how|what|why)\s+(?:does|did|is|was|about))\s+(?:that|this)\b/i;

// "that" pointing back: "more than that", "like that", "that one", "that year", or ending the question.
const pointingThat =
  /\b(?:than|like|as|of|for|about|from|to|in|with|on|besides|after|before|is|was|compare|compared)\s+that\b(?!\s+(?:is|are|was|were|has|have|had|do|does|did)\b)|\bthat\s+(?:one|ones|year|month|quarter|week|day|period|date|time|region|city|state|country|list|result|results|query|answer|number|amount|total|figure|category|product|group)\b|\bthat\s*[?.!]*$/i;

// The turn before, named: "the same …", "the previous answer", "than before", "the results above".
const backReference =
  /\b(?:the\s+same(?=\s+(?:for|but|again|thing|query|question|period|way|please)\b|\s*[?.!]*$)|same\s+(?:for|as|but|thing|query|question|period|again)|previous\s+(?:question|answer|result|results|query|one|ones|turn)|(?:last|earlier|prior)\s+(?:answer|result|results|query|question|one)|(?:the|those|these|your)\s+(?:results?|answers?|output|rows|figures|numbers)\s+(?:above|before|again)|the\s+above|than\s+before|than\s+last\s+time|as\s+before|like\s+before)\b/i;

// A trailing word that adjusts the previous question: "San Diego only", "per month instead", "2009 too".
const trailingModifier = /\b(?:only|instead|too|as\s+well|again|then|also)\s*[?.!]*$/i;

// A command about the shape of the last answer: "break it down by …", "sort by …", "group by month".
const refinementCommand =
  /^(?:break|broken|drill|split|group|grouped|sort|sorted|order|ordered|filter|filtered|narrow|limit|restrict|zoom|rank|ranked|chart|plot|show)(?:\s+(?:it|them|this|that|those|these|the\s+results?))?\s+(?:down|by|per|into|to|in|out|up|only|as)\b/i;

// Pronouns whose referent, when no subject word precedes them in the question, is in the previous turn.
const weakPronoun = /\b(?:it|its|they|them|their|theirs)\b/i;

// "Will it rain …": the weather's "it" points at nothing.
const dummyIt = /\bit\s+(?:rain|rains|rained|raining|snow|snows|snowed|snowing|storm|hail|freeze|be\s+(?:sunny|cloudy|windy|hot|cold|warm))\b/i;

function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A word that names subject matter: not a function word, not only digits, not a measure. */
function isContentWord(word: string): boolean {
  return !functionWords.has(word) && !measureWords.has(word) && !/^\d+$/.test(word);
}

/** Words with no subject matter are what questions such as "Why?" or "Which ones?" are made of. */
function hasContentWord(text: string): boolean {
  return words(text).some((word) => !functionWords.has(word) && !measureWords.has(word));
}

/** A pronoun with no subject word before it in the question ("What are their names?", "Break it down"). */
function pronounWithoutAntecedent(text: string): string | undefined {
  const withoutDummy = text.replace(dummyIt, '');
  const match = weakPronoun.exec(withoutDummy);
  if (match === null) return undefined;
  const before = words(withoutDummy.slice(0, match.index));
  return before.some(isContentWord) ? undefined : match[0];
}

/**
 * Whether a question asked in a conversation continues it (it refers to the previous turn, so it must
 * be rewritten to stand alone) or stands on its own, and why. Deterministic and model-free, so only a
 * real follow-up pays for the rewrite and a standalone question may be answered from the cache.
 * It leans towards "follow-up" on the cues below: a wrong "follow-up" costs one rewrite call that
 * returns the question unchanged, a wrong "standalone" loses the context the question needed.
 */
export function followUpCue(question: string): FollowUpCue | undefined {
  const text = question.trim().replace(/^["'“‘(]+|["'”’)]+$/g, '').trim();
  const opener = continuationOpener.exec(text);
  if (opener !== null) return { kind: 'continuation-opener', words: opener[0] };
  const modifier = modifierOpener.exec(text);
  if (modifier !== null && !questionClause.test(text.slice(modifier[0].length))) return { kind: 'modifier-fragment', words: modifier[0] };
  const refinement = refinementCommand.exec(text);
  if (refinement !== null) return { kind: 'refinement-command', words: refinement[0] };
  if (!hasContentWord(text)) return { kind: 'no-content-word', words: text };
  const pointer = demonstrative.exec(text) ?? pointingThat.exec(text);
  if (pointer !== null) return { kind: 'demonstrative', words: pointer[0].trim() };
  const reference = backReference.exec(text);
  if (reference !== null) return { kind: 'back-reference', words: reference[0] };
  const pronoun = pronounWithoutAntecedent(text);
  if (pronoun !== undefined) return { kind: 'pronoun-without-antecedent', words: pronoun };
  const trailing = trailingModifier.exec(text);
  if (trailing !== null) return { kind: 'trailing-modifier', words: trailing[0].replace(/[?.!\s]+$/, '') };
  // A few words that do not open a question ("San Diego?", "2009 please", "Top 5 customers") lean on the turn before.
  if (!questionOpener.test(text) && words(text).length <= 3) return { kind: 'short-fragment', words: text };
  return undefined;
}
