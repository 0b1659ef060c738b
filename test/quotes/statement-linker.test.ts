import { describe, expect, it } from 'vitest';
import { compareRenderings, linkStatements, type StatementInput } from '../../src/statements/statement-linker.js';

const item = (articleId: string, outlet: string, publishedAt: string | null, speaker: string | null, text: string): StatementInput => ({ articleId, outlet, publishedAt, speaker, text });

describe('compareRenderings', () => {
  it('tells verbatim, truncated, paraphrased and different statements apart', () => {
    const full = 'Russia is ready to help the process of delimitation and demarcation of borders between Azerbaijan and Armenia';
    expect(compareRenderings(full, `${full}.`)?.match).toBe('verbatim');
    expect(compareRenderings(full, 'Russia is ready to help the process of delimitation and demarcation')?.match).toBe('truncated');
    expect(compareRenderings('All emerging issues must be resolved exclusively by peaceful diplomatic means', 'All emerging issues must be resolved exclusively by peaceful, political and diplomatic means', false)?.match).toBe('truncated');
    expect(
      compareRenderings('Moscow is ready to assist Azerbaijan and Armenia with the demarcation and delimitation of their borders', 'Russia is ready to help the delimitation and demarcation of the borders of Azerbaijan and Armenia', true)?.match,
    ).toBe('paraphrase');
    expect(compareRenderings('The trilateral working group is restoring transport ties', 'Russian peacekeepers guarantee peace in the region')).toBeNull();
  });

  it('does not accept a paraphrase across different speakers', () => {
    const a = 'Moscow is ready to assist Azerbaijan and Armenia with the demarcation and delimitation of their borders';
    const b = 'Russia is ready to help the delimitation and demarcation of the borders of Azerbaijan and Armenia';
    expect(compareRenderings(a, b, false)).toBeNull();
  });
});

describe('linkStatements', () => {
  it('links renderings across outlets with the earliest as first, and keeps other statements apart', () => {
    const out = linkStatements([
      item('b', 'OC Media', '2021-05-28', 'Zakharova', 'We see the launching of the border delimitation process with its further demarcation as a long-term solution'),
      item('a', 'TASS', '2021-05-27T09:24', 'Maria Zakharova', 'We see the launching of the border delimitation process with its further demarcation as a long-term solution. Russia is ready to help.'),
      item('c', 'Rewrite', '2021-06-01', 'Zakharova', 'Russian peacekeepers guarantee peace and security in the Nagorno-Karabakh region'),
      item('a', 'TASS', '2021-05-27T09:24', 'Maria Zakharova', 'Russian peacekeepers guarantee peace and security in the Nagorno-Karabakh region.'),
      item('d', 'Other', null, 'Papikyan', 'Armenia did not receive any evidence from Azerbaijan'),
    ]);
    expect(out).toHaveLength(3);
    const first = out.find((s) => s.text.startsWith('We see'))!;
    expect(first.firstArticleId).toBe('a');
    expect(first.firstDate).toBe('2021-05-27T09:24');
    expect(first.outlets).toEqual(['TASS', 'OC Media']);
    expect(first.renderings.map((r) => [r.articleId, r.match])).toEqual([
      ['a', 'first'],
      ['b', 'truncated'],
    ]);
    const peace = out.find((s) => s.text.startsWith('Russian peacekeepers'))!;
    expect(peace.renderings.map((r) => r.match)).toEqual(['first', 'verbatim']);
    expect(out.find((s) => s.speaker === 'Papikyan')?.renderings).toHaveLength(1);
  });

  it('never merges two quotes of the same article and gives stable ids', () => {
    const items = [item('a', 'X', '2021-01-01', 'Z', 'the same words said twice in one article'), item('a', 'X', '2021-01-01', 'Z', 'the same words said twice in one article')];
    const one = linkStatements(items);
    expect(one).toHaveLength(2);
    expect(linkStatements(items).map((s) => s.id)).toEqual(one.map((s) => s.id));
  });
});
