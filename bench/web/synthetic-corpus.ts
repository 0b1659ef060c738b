/**
 * Deterministic synthetic news for the web benchmark: N articles in events of
 * about five, events in story lines of about ten, 40 outlets, a few hundred
 * speakers. Text is made from templates; no external data.
 */
import type { ArticleSpec, CorpusSpec } from '../../test/web/fake-corpus.js';
import { mulberry32 as rng } from '../../src/util/seeded-random.js';


const SYL = ['an', 'ber', 'ca', 'dor', 'el', 'fa', 'gor', 'hal', 'is', 'jan', 'ko', 'lev', 'mar', 'nor', 'ol', 'pet', 'ros', 'sal', 'tam', 'var'];
const TOPICS = ['border talks', 'grain exports', 'power grid', 'water rights', 'port strike', 'election law', 'gas pipeline', 'rail link', 'wildfires', 'bank reform'];
const VERBS: [string, 'neutral' | 'denial' | 'warning' | 'promise' | 'emphatic'][] = [['said', 'neutral'], ['denied', 'denial'], ['warned', 'warning'], ['promised', 'promise'], ['stressed', 'emphatic']];
const PLACES = [
  { name: 'Yerevan', lat: 40.18, lon: 44.51, country: 'AM' }, { name: 'Baku', lat: 40.41, lon: 49.87, country: 'AZ' }, { name: 'Tbilisi', lat: 41.72, lon: 44.83, country: 'GE' },
  { name: 'Moscow', lat: 55.76, lon: 37.62, country: 'RU' }, { name: 'Ankara', lat: 39.93, lon: 32.86, country: 'TR' }, { name: 'Tehran', lat: 35.69, lon: 51.39, country: 'IR' },
  { name: 'Constanța', lat: 44.17, lon: 28.64, country: 'RO' }, { name: 'Odesa', lat: 46.48, lon: 30.72, country: 'UA' },
];

function word(r: () => number, n: number): string {
  let w = '';
  for (let i = 0; i < n; i++) w += SYL[Math.floor(r() * SYL.length)];
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export function syntheticCorpus(articleCount: number, seed = 7): CorpusSpec {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const outlets = Array.from({ length: 40 }, (_, i) => `${word(r, 2)} ${pick(['Times', 'Daily', 'Wire', 'Post', 'Herald', 'News'])} ${i}`);
  const people = Array.from({ length: 300 }, () => `${word(r, 2)} ${word(r, 3)}`);
  const eventCount = Math.max(1, Math.round(articleCount / 5));
  const storylineCount = Math.max(1, Math.round(eventCount / 10));
  const storylines = Array.from({ length: storylineCount }, (_, i) => ({ id: `sl-${i}`, label: `${pick(TOPICS)} in ${pick(PLACES).name} (${i})` }));
  const start = Date.UTC(2019, 0, 1);
  const events = Array.from({ length: eventCount }, (_, i) => ({
    id: `ev-${i}`, storylineId: `sl-${i % storylineCount}`, label: `${word(r, 2)} ${pick(TOPICS)} event ${i}`, summary: `Summary of event ${i} about ${pick(TOPICS)}.`,
    day: start + Math.floor(r() * 6 * 365) * 86_400_000,
  }));
  const articles: ArticleSpec[] = [];
  for (let i = 0; i < articleCount; i++) {
    const ev = events[i % eventCount]!;
    const speaker = people[(i * 7 + Math.floor(i / eventCount)) % people.length]!;
    const place = pick(PLACES);
    const [verb, stance] = pick(VERBS);
    const quote = `"The ${pick(TOPICS)} will be settled by ${word(r, 2)} and nobody else,"`;
    const text = `${place.name.toUpperCase()} — Officials met on ${ev.label.toLowerCase()} as ${pick(TOPICS)} dominated the agenda.\n\n${quote} ${speaker} ${verb}.\n\n` +
      Array.from({ length: 6 }, () => `The ${pick(TOPICS)} in ${place.name} drew comment from ${word(r, 2)} officials, who ${pick(['met', 'argued', 'agreed', 'waited'])} for ${pick(['hours', 'days', 'weeks'])}.`).join(' ');
    articles.push({
      id: `art-${i}`, eventId: ev.id, outlet: outlets[(i * 13) % outlets.length]!, url: `https://news${i % 40}.example/a/${i}`,
      title: `${speaker} on ${pick(TOPICS)} (${i})`, publishedAt: new Date(ev.day + Math.floor(r() * 3) * 86_400_000).toISOString().slice(0, 16),
      text, provenance: i % eventCount === i ? 'original' : pick(['original', 'wire', 'near-copy', 'rewrite'] as const),
      ...(i >= eventCount ? { provenanceOf: `art-${i % eventCount}` } : {}),
      entities: [{ text: speaker, name: speaker, type: 'PERSON' }],
      places: [{ text: place.name, ...place }],
      quotes: [{ text: quote, speaker, speakerText: speaker, cue: verb, stance, kind: 'direct', statementId: `st-${i % (eventCount * 2)}` }],
    });
  }
  return { storylines, events: events.map(({ day: _d, ...e }) => e), articles, entities: [], rejections: [] };
}
