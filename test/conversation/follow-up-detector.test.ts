import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { followUpCue } from '../../src/conversation/follow-up-detector.js';
import { loadSeedsSuite } from '../../src/eval/seeds-suite.js';
import { sharedPath } from '../helpers/services.js';

// The example questions of the seed documents (000, 002's table and 003's list), as a new user asks them.
const seedQuestions = [
  'How many ticket sales are there?',
  'What was the total commission for the ticket sales in the year 2008?',
  'What are the top five seller names in San Diego, based on the number of tickets sold in 2008?',
  'How many employees were hired before 1990?',
  'Which stock performed the best and the worst in May of 2013?',
  'How many frauds happened in the year 2023?',
  'How many policies were claimed this year?',
  'Name all employees with birth date this month',
  'What is the average volume stocks traded in July of 2013?',
  'What is the weather like right now in New York City in degrees Fahrenheit?',
  'Show total sales for each product last month',
  'Which products generated more revenue?',
  'What percentage of customers are from each region?',
];

const standalone = [
  ...seedQuestions,
  'How many employees were hired in 2020?',
  'How many tickets were sold on 5 January 2008?',
  'Who are the top 10 buyers by number of tickets bought?',
  'Which event category brought in the most revenue in each quarter of 2008?',
  'What are the three cheapest outdoor products?',
  'How many policies were claimed in the most recent year on record?',
  'Will it rain in Seattle in the first five days of the forecast?',
  'What is the current average salary in each department?',
  'Who manages each department now?',
  'How many claims were filed each year, and how many of them were fraudulent?',
  'Which kitchen products cost more than 200 dollars?',
  'What was Apple\'s closing price on the last trading day in the data?',
  'In which year were the most tickets sold?',
  'For each department, how many employees are there?',
  'Between 2008 and 2009, which category grew the most?',
  'List employees and their current salaries',
  'Which events sold the same number of tickets as Hamlet?',
  'Which customers live in the same city as their seller?',
  'Give me the five cheapest products in the kitchen category',
  'Rank departments by average salary',
  'Top 10 buyers by tickets bought in 2008',
  'Is the average closing price of AAPL higher in 2016 than in 2015?',
  'Count the employees hired this year',
  'Which sellers sold more tickets than those of 2007?',
  'Group employees by department and count them',
];

const followUps: [question: string, kind: string][] = [
  ['and in 2009?', 'continuation-opener'],
  ['And what about 2009?', 'continuation-opener'],
  ['what about San Diego?', 'continuation-opener'],
  ['How about the year before?', 'continuation-opener'],
  ['only San Diego', 'continuation-opener'],
  ['Just the top 3', 'continuation-opener'],
  ['same for 2009', 'continuation-opener'],
  ['Now group it by quarter', 'continuation-opener'],
  ['Also include 2010', 'continuation-opener'],
  ['Excluding refunds', 'continuation-opener'],
  ['In 2009?', 'modifier-fragment'],
  ['by region', 'modifier-fragment'],
  ['per month?', 'modifier-fragment'],
  ['for the kitchen category', 'modifier-fragment'],
  ['without the outliers', 'modifier-fragment'],
  ['From 2008 to 2010', 'modifier-fragment'],
  ['break it down by month', 'refinement-command'],
  ['Break down by category', 'refinement-command'],
  ['sort by price', 'refinement-command'],
  ['Show them by month', 'refinement-command'],
  ['Why?', 'no-content-word'],
  ['How many?', 'no-content-word'],
  ['more than that', 'no-content-word'],
  ['Plot it', 'no-content-word'],
  ['By how much?', 'no-content-word'],
  ['Which of these cost more than 200 dollars?', 'demonstrative'],
  ['Which ones sold best?', 'demonstrative'],
  ['What is the average salary of those?', 'demonstrative'],
  ['Is that higher than in 2008?', 'demonstrative'],
  ['How many tickets were sold in that quarter?', 'demonstrative'],
  ['Which sellers sold more than that?', 'demonstrative'],
  ['Do the same for Q2', 'back-reference'],
  ['Is revenue higher than before?', 'back-reference'],
  ['Use the previous question but for sellers', 'back-reference'],
  ['What are their names?', 'pronoun-without-antecedent'],
  ['How many of them were fraudulent?', 'pronoun-without-antecedent'],
  ['How did it change in 2009?', 'pronoun-without-antecedent'],
  ['Show the total in dollars instead', 'trailing-modifier'],
  ['San Diego only', 'trailing-modifier'],
  ['Seattle as well?', 'trailing-modifier'],
  ['2009?', 'short-fragment'],
  ['San Diego?', 'short-fragment'],
  ['Top 5 customers', 'short-fragment'],
];

describe('whether a question continues its conversation', () => {
  it.each(standalone)('reads "%s" as standing on its own', (question) => {
    expect(followUpCue(question)).toBeUndefined();
  });

  it.each(followUps)('reads "%s" as a follow-up (%s)', (question, kind) => {
    expect(followUpCue(question)?.kind).toBe(kind);
  });

  it('quotes the words that made a question a follow-up', () => {
    expect(followUpCue('What are their names?')).toEqual({ kind: 'pronoun-without-antecedent', words: 'their' });
    expect(followUpCue('San Diego only?')).toEqual({ kind: 'trailing-modifier', words: 'only' });
  });

  it('reads every seed question and every curated example question as standalone', async (context) => {
    const overlayQuestions = fs
      .readdirSync(path.join('catalog', 'overlays'))
      .flatMap((file) => [...fs.readFileSync(path.join('catalog', 'overlays', file), 'utf8').matchAll(/^\s*- question: (.+)$/gm)].map((match) => match[1]!.trim()));
    expect(overlayQuestions.length).toBeGreaterThan(20);
    expect(overlayQuestions.filter((question) => followUpCue(question) !== undefined)).toEqual([]);
    const seeds = sharedPath('seeds');
    if (seeds === undefined) return context.skip('the seeds are absent');
    const seedText = fs.readdirSync(seeds).map((name) => fs.readFileSync(path.join(seeds, name), 'utf8')).join('\n').replace(/\s+/g, ' ');
    expect(seedQuestions.filter((question) => !seedText.includes(question))).toEqual([]);
    const suite = await loadSeedsSuite({ config: readServiceConfig({}), benchRoot: '', seedsRoot: seeds });
    expect(suite.questions.length).toBeGreaterThanOrEqual(8);
    expect(suite.questions.map((question) => question.question).filter((question) => followUpCue(question) !== undefined)).toEqual([]);
  });
});
