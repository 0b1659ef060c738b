import type { ClusterDoc } from '../../src/cluster/cluster-types.js';

/**
 * A deterministic synthetic stream for the term-id tests: topics with their own words, names, entities and places,
 * dates a few hours apart (so time decay and eviction by age play), headline-only articles, capitalised names in
 * the lead, and noise words (a growing vocabulary, so a bounded one halves).
 */
export function syntheticStream(n: number, seed = 7): ClusterDoc[] {
  let s = seed >>> 0 || 1;
  const rnd = (): number => ((s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const syll = ['ka', 'lo', 'mer', 'tu', 'vin', 'sa', 'dre', 'pol', 'fi', 'gan', 'rus', 'bel', 'ton', 'ix', 'qua'];
  const word = (): string => pick(syll) + pick(syll) + pick(syll);
  const name = (): string => {
    const w = word();
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const topics = Array.from({ length: 24 }, () => ({
    words: Array.from({ length: 12 }, word),
    names: Array.from({ length: 4 }, name),
    entities: Array.from({ length: 2 }, name),
    places: Array.from({ length: 2 }, name),
  }));
  const docs: ClusterDoc[] = [];
  for (let i = 0; i < n; i++) {
    // Topics come and go: a window of 8 topics slides over the stream.
    const topic = topics[(Math.floor(i / 40) + Math.floor(rnd() * 8)) % topics.length]!;
    const other = pick(topics);
    const sentence = (): string => {
      const ws = Array.from({ length: 8 + Math.floor(rnd() * 8) }, () =>
        rnd() < 0.6 ? pick(topic.words) : rnd() < 0.5 ? pick(other.words) : `${word()}${Math.floor(rnd() * 50)}`,
      );
      if (rnd() < 0.7) ws.splice(1 + Math.floor(rnd() * (ws.length - 1)), 0, pick(rnd() < 0.8 ? topic.names : other.names));
      const first = ws[0]!;
      return first[0]!.toUpperCase() + first.slice(1) + ' ' + ws.slice(1).join(' ') + '.';
    };
    const headline = rnd() < 0.2;
    const title = rnd() < 0.9 ? `${pick(topic.names)} ${pick(topic.words)} ${pick(topic.words)} ${rnd() < 0.3 ? pick(other.words) : ''}`.trim() : null;
    const text = headline ? '' : Array.from({ length: 2 + Math.floor(rnd() * 6) }, sentence).join(' ') + (rnd() < 0.3 ? ` In ${2000 + Math.floor(rnd() * 30)}.` : '');
    const hours = i * 2 + Math.floor(rnd() * 30) - (rnd() < 0.05 ? 400 : 0);
    docs.push({
      id: `doc-${i.toString().padStart(4, '0')}`,
      title,
      text,
      publishedAt: rnd() < 0.04 ? null : new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000).toISOString(),
      entities: rnd() < 0.7 ? [pick(topic.entities), ...(rnd() < 0.3 ? [pick(other.entities)] : [])] : [],
      places: rnd() < 0.6 ? [pick(topic.places)] : [],
      outlet: null,
    });
  }
  return docs;
}
