/**
 * `storyline analyze --attributions`: the default speech scope (what the store keeps) and PolNeAR's full scope,
 * on a short article of our own.
 */
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './cli-helpers.js';

const ARTICLE = `Harbour board approves ferry levy

The harbour board of Quillford approved a new ferry levy on Tuesday. "We cannot keep the boats running without it," chair Mira Olsen said.

A survey by the Quillford Courier showed that most islanders back the levy. Critics were asked whether the levy was fair. Olsen believes the levy will be temporary.
`;

type Quote = { kind: string; text: string; speaker: { name: string | null; text: string } | null };
const quotesOf = (scope: string[]): Quote[] => {
  const r = runCli(['analyze', '-', '--json', ...scope], { input: ARTICLE });
  expect(r.status, r.stderr).toBe(0);
  return jsonLines(r.stdout)[0]!['quotes'] as Quote[];
};

describe('storyline analyze --attributions', () => {
  it('keeps speech by default and adds generic attributions and questions with --attributions all', () => {
    const speech = quotesOf([]);
    expect(quotesOf(['--attributions', 'speech'])).toEqual(speech);
    const all = quotesOf(['--attributions', 'all']);
    const texts = (qs: Quote[]) => qs.map((q) => q.text);
    // Both scopes: the direct quote, the survey finding, the belief.
    for (const qs of [speech, all]) {
      expect(texts(qs).some((t) => t.includes('We cannot keep the boats running'))).toBe(true);
      expect(texts(qs).some((t) => t.includes('the levy will be temporary'))).toBe(true);
    }
    // Only the full scope: "the board approved a levy" (a generic attribution) and the question put to critics.
    expect(texts(speech).some((t) => t.includes('ferry levy on Tuesday'))).toBe(false);
    expect(texts(all).some((t) => t.includes('ferry levy on Tuesday'))).toBe(true);
    expect(texts(speech).some((t) => t.includes('whether the levy was fair'))).toBe(false);
    expect(texts(all).some((t) => t.includes('whether the levy was fair'))).toBe(true);
    // Every speech-scope attribution is in the full scope too.
    for (const t of texts(speech)) expect(texts(all)).toContain(t);
  });

  it('refuses an unknown scope as a usage error', () => {
    const r = runCli(['analyze', '-', '--attributions', 'everything'], { input: ARTICLE });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--attributions must be speech or all');
  });
});
