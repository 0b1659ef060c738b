/** Reads the Local-Global Lexicon (../shared/bench/geo/lgl.xml) in place. */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export interface LglToponym {
  start: number;
  end: number;
  phrase: string;
  gold: { geonameId: number; lat: number; lon: number; fcode: string; name: string } | null;
}
export interface LglArticle {
  docid: string;
  /** The outlet's web domain ("thetowntalk.com"). */
  domain: string;
  title: string;
  text: string;
  toponyms: LglToponym[];
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function readLgl(file: string): LglArticle[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, processEntities: true });
  const doc = parser.parse(readFileSync(file, 'utf8')) as { articles: { article: unknown } };
  return asArray(doc.articles.article as Record<string, unknown>[]).map((a) => {
    const tops = asArray((a['toponyms'] as { toponym?: unknown } | undefined)?.toponym as Record<string, unknown>[] | undefined);
    return {
      docid: String(a['@docid']),
      domain: String(a['domain'] ?? ''),
      title: String(a['title'] ?? ''),
      text: String(a['text'] ?? ''),
      toponyms: tops.map((t) => {
        const g = t['gaztag'] as Record<string, unknown> | undefined;
        return {
          start: Number(t['start']),
          end: Number(t['end']),
          phrase: String(t['phrase']),
          gold: g
            ? { geonameId: Number(g['@geonameid']), lat: Number(g['lat']), lon: Number(g['lon']), fcode: String(g['fcode']), name: String(g['name']) }
            : null,
        };
      }),
    };
  });
}
