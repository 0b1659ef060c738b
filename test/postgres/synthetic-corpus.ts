/**
 * A generated news corpus for the worker tests: `stories` stories of
 * `perStory` plain-text articles each, written so that the project's own
 * pipeline reads them like news (named people, a place, a quote, a date) and
 * its clusterer can tell the stories apart. Seeded: the same arguments give
 * the same documents on every run.
 *
 * Within a story the articles share the people, the place, the project and the
 * quote, and are published within two days; across stories every name and the
 * date differ. Each article also has sentences of its own, so no two are near
 * duplicates of each other.
 */
import type { RawDocument } from '../../src/model/types.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

const SYLLABLES = ['ka', 'lo', 'mir', 'tan', 'ves', 'dor', 'ul', 'ren', 'sa', 'bek', 'ni', 'gor', 'av', 'til', 'zen', 'ha', 'mo', 'rud', 'pel', 'os'];
const PLACES = ['Yerevan', 'Baku', 'Tbilisi', 'Ankara', 'Odesa', 'Warsaw', 'Lisbon', 'Nairobi', 'Lima', 'Manila', 'Oslo', 'Hanoi'];
const TOPICS = ['bridge', 'railway', 'pipeline', 'harbour', 'dam', 'power plant', 'airport', 'tunnel', 'hospital', 'highway'];
const ROLES = ['minister of transport', 'mayor', 'head of the regional council', 'chief engineer', 'spokesperson for the ministry'];
const FILLER = (
  'border talks envoy commission summit treaty village road river mountain convoy delegation briefing agency parliament ' +
  'election budget harvest drought flood market currency loan school doctor teacher student court judge police protest ' +
  'square crowd banner march union factory mine ship cargo flight weather storm snow spring summer autumn winter evening'
).split(' ');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function nameOf(r: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w.charAt(0).toUpperCase() + w.slice(1);
}

interface Story {
  person: string;
  other: string;
  role: string;
  place: string;
  project: string;
  topic: string;
  day: number;
}

function storyOf(s: number): Story {
  const r = mulberry32(s * 7919 + 17);
  // The story number is spelt into the project name so that no two stories share it.
  const project = `${nameOf(r, 2)}${SYLLABLES[s % SYLLABLES.length]}${SYLLABLES[Math.floor(s / SYLLABLES.length) % SYLLABLES.length]}`;
  return {
    person: `${nameOf(r, 2)} ${nameOf(r, 3)}`,
    other: `${nameOf(r, 2)} ${nameOf(r, 3)}`,
    role: ROLES[s % ROLES.length]!,
    place: PLACES[s % PLACES.length]!,
    project,
    topic: TOPICS[Math.floor(r() * TOPICS.length)]!,
    // A week apart: stories do not overlap in time.
    day: Date.UTC(2023, 0, 2) + s * 7 * 86_400_000,
  };
}

function articleText(st: Story, k: number, r: () => number): { title: string; text: string; publishedAt: string } {
  const day = new Date(st.day + (k % 3) * 86_400_000);
  const weekday = WEEKDAYS[day.getUTCDay()]!;
  const w = (): string => FILLER[Math.floor(r() * FILLER.length)]!;
  const own = Array.from({ length: 4 }, () => `In ${st.place} the ${w()}, the ${w()} and the ${w()} stood near the ${w()} ${w()}.`).join(' ');
  const text =
    `${st.person}, the ${st.role}, said on ${weekday} that work on the ${st.project} ${st.topic} in ${st.place} would resume next month.\n\n` +
    `"The ${st.project} ${st.topic} will be finished before the winter, whatever the cost," ${st.person} told reporters in ${st.place}.\n\n` +
    `${st.other}, who leads the opposition to the ${st.project} project, said the plan was too expensive for ${st.place}. ${own}\n\n` +
    `The ${st.project} ${st.topic} has divided ${st.place} for months, and ${st.person} is expected to present the budget again next week.`;
  return { title: `${st.person} says the ${st.project} ${st.topic} will resume (${k})`, text, publishedAt: day.toISOString().slice(0, 10) };
}

/** The documents, story by story; `source` is `synthetic/<story>/<k>`. */
export function syntheticDocs(stories: number, perStory: number): RawDocument[] {
  const docs: RawDocument[] = [];
  for (let s = 0; s < stories; s++) {
    const st = storyOf(s);
    for (let k = 0; k < perStory; k++) {
      const { title, text, publishedAt } = articleText(st, k, mulberry32(s * 100_003 + k * 7919 + 1));
      docs.push({
        source: `synthetic/${s}/${k}`,
        kind: 'text',
        contentType: 'text/plain',
        content: text,
        title,
        publishedAt,
        language: 'en',
        outlet: `Outlet ${k % 7}`,
        url: `https://synthetic.example/${s}/${k}`,
      });
    }
  }
  return docs;
}

/** The story a document of `syntheticDocs` (or a copy of one) belongs to, from its source; -1 for others. */
export function storyOfSource(source: string): number {
  return Number(/^synthetic\/(\d{1,6})\//.exec(source)?.[1] ?? -1);
}

/** A second input with the same content as `doc` (another source and URL): it must come out as a duplicate, or `doc` must. */
export function copyOf(doc: RawDocument): RawDocument {
  return { ...doc, source: `${doc.source}/copy`, url: `${doc.url ?? 'https://synthetic.example'}/copy` };
}

/** Inputs with too little text to be an article: each must come out as a `too-short` rejection. */
export function shortDocs(n: number): RawDocument[] {
  return Array.from({ length: n }, (_, i) => ({ source: `synthetic-short/${i}`, kind: 'text' as const, contentType: 'text/plain' as const, content: `Too short ${i}.` }));
}
