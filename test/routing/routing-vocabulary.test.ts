import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { CatalogSource } from '../../src/catalog/catalog-types.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';
import { CompoundSplitter } from '../../src/routing/compound-splitter.js';
import { stemEnglishWord } from '../../src/routing/english-stemmer.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import { TermImpactIndex } from '../../src/routing/term-impact-index.js';
import { identifierTerms, queryTerms, stemWord } from '../../src/routing/text-terms.js';

const table = (name: string, columns: string[]) => ({ name, columns: columns.map((column) => ({ name: column, type: 'text', nullable: true })), sampleRows: [], foreignKeys: [] });
const source = (name: string, tables: ReturnType<typeof table>[]): CatalogSource => ({ name, kind: 'duckdb', dialect: 'duckdb', description: name, examples: [], status: { healthy: true }, tables });

describe('routing vocabulary', () => {
  it('stems plurals, -ed and -ing forms and irregular forms to one base', () => {
    expect(['ranked', 'ranking', 'ranks'].map(stemEnglishWord)).toEqual(['rank', 'rank', 'rank']);
    expect(['located', 'locates', 'rating', 'rated', 'shipped'].map(stemEnglishWord)).toEqual(['locat', 'locat', 'rate', 'rate', 'ship']);
    // A plural that keeps an "e" its singular lacks meets the singular; "date" (consonant-vowel-consonant) and "shoe" keep theirs.
    expect(['superheroes', 'superhero', 'bonuses', 'bonus', 'courses', 'course'].map(stemEnglishWord)).toEqual(['superhero', 'superhero', 'bonus', 'bonus', 'cours', 'cours']);
    expect(['date', 'name', 'shoes', 'shoe'].map(stemEnglishWord)).toEqual(['date', 'name', 'shoe', 'shoe']);
    expect(['sang', 'children', 'paid', 'became', 'become', 'wolves'].map(stemWord)).toEqual(['sing', 'child', 'pay', 'becom', 'becom', 'wolf']);
    expect(['string', 'status', 'class'].map(stemEnglishWord)).toEqual(['string', 'status', 'class']);
  });

  it('spells out identifier abbreviations in the index', () => {
    expect(identifierTerms('dept_name')).toEqual(['dept', 'department', 'name']);
  });

  it('gives attribute words as alternates of the words that imply them', () => {
    const [oldest] = queryTerms('Who is the oldest singer?');
    expect(oldest).toEqual({ term: 'oldest', alternates: ['age', 'birth', 'birthday'] });
  });

  it('gives the compound a schema glues two question words into as an alternate of its head word', () => {
    const indexed = (term: string) => term === 'highschooler';
    expect(queryTerms('How many high schoolers are there?', undefined, indexed)).toEqual([
      { term: 'high', alternates: [] },
      { term: 'schooler', alternates: ['highschooler'] },
    ]);
    // Words a stopword separates are not one compound, and an unindexed compound is no alternate.
    expect(queryTerms('high in schoolers', undefined, indexed).map((term) => term.alternates)).toEqual([[], []]);
    expect(queryTerms('high schoolers', undefined, () => false).map((term) => term.alternates)).toEqual([[], []]);
  });

  it('routes a question to the source whose identifier glues its words together', () => {
    const network = source('network', [table('Highschooler', ['ID', 'name', 'grade']), table('Friend', ['student_id', 'friend_id'])]);
    const college = source('college', [table('school', ['school_id', 'name', 'grade_level']), table('student', ['student_id', 'name', 'high'])]);
    const ranked = new LexicalRetriever([college, network], () => []).retrieve('How many high schoolers are in each grade?').sources;
    expect(ranked[0]?.source).toBe('network');
  });

  it('reads a question word that runs an identifier\'s words together as those words', () => {
    const splitter = new CompoundSplitter(['UpVotes', 'lap_time', 'IgG'], []);
    expect(splitter.joined('upvotes')).toEqual(['up', 'votes']);
    expect(splitter.joined('upvote')).toEqual(['up', 'votes']);
    expect(splitter.joined('laptimes')).toEqual(['lap', 'time']);
    // Initials are not words a question runs together, and no identifier joins "down" and "votes".
    expect(splitter.joined('igg')).toBeUndefined();
    expect(splitter.joined('downvotes')).toBeUndefined();
    const joined = (word: string) => splitter.joined(word);
    expect(queryTerms('users with most upvotes', undefined, () => false, joined).map((term) => term.term)).toEqual(['user', 'up', 'vote']);
    // A word some schema holds as one word stays whole.
    expect(queryTerms('users with most upvotes', undefined, (term) => term === 'upvot', joined).map((term) => term.term)).toEqual(['user', 'upvot']);
  });

  it('routes a run-together question word to the source whose identifier holds its words', () => {
    const forum = source('forum', [table('users', ['Id', 'DisplayName', 'UpVotes', 'DownVotes'])]);
    const reviews = source('reviews', [table('users', ['user_id', 'name', 'review_count'])]);
    const ranked = new LexicalRetriever([reviews, forum], () => []).retrieve('Which users have more than 100 upvotes?').sources;
    expect(ranked[0]?.source).toBe('forum');
  });

  it("splits run-together identifiers with the catalog's own words, and leaves real words alone", () => {
    const splitter = new CompoundSplitter(['country_code', 'language_name', 'season_id', 'sea_level', 'son_name'], []);
    expect(splitter.split('countrylanguage')).toEqual(['country', 'language']);
    expect(splitter.split('season')).toEqual([]);
  });
});

describe('term impact index', () => {
  it('scores as minisearch OR search does over the same terms', () => {
    const documents = [
      { id: 0, name: 'singer', columns: 'name country age', text: '', values: '' },
      { id: 1, name: 'concert', columns: 'venue year singer', text: 'live concert', values: '' },
      { id: 2, name: 'stadium', columns: 'capacity name', text: '', values: 'wembley' },
    ];
    const index = new TermImpactIndex(documents);
    const reference = new MiniSearch({ fields: ['name', 'columns', 'text', 'values'], tokenize: (text) => text.split(' ').filter(Boolean) });
    reference.addAll(documents);
    const expected = reference.search('singer name', { boost: { name: 3, columns: 1.5, text: 0.6, values: 0.5 }, prefix: false, combineWith: 'OR' });
    const matches = index.match([{ term: 'singer', alternates: [] }, { term: 'name', alternates: [] }]);
    const actual = new Map([...matches.documents].map((document, position) => [document, matches.scores[position]!]));
    expect(actual.size).toBe(expected.length);
    for (const hit of expected) expect(actual.get(hit.id as number)).toBeCloseTo(hit.score, 4);
  });

  it('matches longer index terms by prefix and alternates at a discount', () => {
    const index = new TermImpactIndex([
      { id: 0, name: 'employment', columns: '', text: '', values: '' },
      { id: 1, name: 'employ', columns: '', text: '', values: '' },
      { id: 2, name: 'age', columns: '', text: '', values: '' },
    ]);
    const prefix = index.match([{ term: 'employ', alternates: [] }]);
    const score = (document: number) => prefix.scores[[...prefix.documents].indexOf(document)]!;
    expect(score(1)).toBeGreaterThan(score(0));
    const alternate = index.match([{ term: 'oldest', alternates: ['age'] }]);
    expect([...alternate.documents]).toEqual([2]);
  });
});

describe('candidate selection', () => {
  it('gives a distant runner-up only the slots the top source leaves free', () => {
    const sources = [
      source('music', [table('singer', ['name', 'age']), table('concert', ['venue', 'year']), table('stadium', ['capacity'])]),
      source('sports', [table('stadium_event', ['stadium', 'attendance']), table('team', ['name'])]),
    ];
    const retriever = new LexicalRetriever(sources);
    const result = retriever.retrieve('oldest singer concert venue stadium');
    expect(result.sources[0]?.source).toBe('music');
    const picks = (maxTables: number) =>
      selectCandidates(result, sources, { maxTables, maxSources: 2, tokenBudget: 10_000, countTokens: (text) => text.length }).sources.map((item) => [item.source, item.tables.length]);
    expect(picks(3)).toEqual([['music', 3]]);
    expect(picks(4)).toEqual([['music', 3], ['sports', 1]]);
  });
});
