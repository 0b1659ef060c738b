/**
 * Fallback names for speaker resolution when no entity mentions are given:
 * runs of capitalised words, typed by their last word (Ministry, Embassy → ORG)
 * and grouped by surname so "Maria Zakharova" and "Zakharova" share an id.
 * Deliberately simple; the NER stage does this properly when it runs.
 */
import type { Entity, EntityMention, EntityType, Sentence } from '../../model/types.js';
import { tokenize, type Token } from './tokens.js';
import { AGENT_NOUNS } from './source-phrase.js';

const ORG_HEADS = new Set(
  ('ministry department embassy service office agency committee council party government administration court ' +
    'university institute foundation association union group commission bank company corporation organization ' +
    'organisation parliament assembly duma senate house congress army forces police campaign network times post news ' +
    'tass armenpress reuters').split(' '),
);
const NOT_NAMES = new Set(
  ('the a an in on at of for to and but or as it he she they we i this that these those there here when while after ' +
    'before during since if according however meanwhile earlier later also then on monday tuesday wednesday thursday ' +
    'friday saturday sunday january february march april may june july august september october november december mr ' +
    'mrs ms dr read related latest most editor').split(' '),
);

interface Run {
  start: number;
  end: number;
  words: Token[];
  /** Preceded by "Mr."/"Mrs."/"Dr." and the like: a person even as a single word. */
  titled?: boolean;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr']);

function runsIn(text: string, s: Sentence): Run[] {
  const tokens = tokenize(text, s.start, s.end);
  const runs: Run[] = [];
  let cur: Token[] = [];
  const flush = (): void => {
    let titled = false;
    while (cur.length > 0 && NOT_NAMES.has(cur[0]!.lower)) titled = TITLES.has(cur.shift()!.lower) || titled;
    while (cur.length > 0 && (cur.at(-1)!.lower === 'of' || cur.at(-1)!.lower === 'the')) cur.pop();
    if (cur.length > 0) runs.push({ start: cur[0]!.start, end: cur.at(-1)!.end, words: cur, titled });
    cur = [];
  };
  for (let n = 0; n < tokens.length; n++) {
    const t = tokens[n]!;
    // "Ambassador to Yerevan Sergey Kopyrkin": a place right after "to"/"in" does not start a person's name.
    if (cur.length === 0 && t.cap && /^(?:to|in|from)$/.test(tokens[n - 1]?.lower ?? '') && tokens[n + 1]?.cap && tokens[n + 2]?.cap) continue;
    if (t.word && t.cap) cur.push(t);
    else if (cur.length > 0 && (t.lower === 'of' || t.lower === 'the') && cur.length < 6) cur.push(t);
    else flush();
  }
  flush();
  return runs;
}

function typeOf(run: Run): EntityType {
  const last = run.words.at(-1)!.lower.replace(/[’']s$/, '');
  if (ORG_HEADS.has(last) || run.words.some((w) => ORG_HEADS.has(w.lower) && w.lower !== 'house')) return 'ORG';
  if (run.words.length >= 2 && run.words.length <= 3 && run.words.every((w) => w.word && w.cap)) return 'PERSON';
  return 'MISC';
}

/** Person names: the last one or two capitalised words after any title words ("Spokesperson Maria Zakharova" → "Maria Zakharova"). */
function personPart(run: Run): Run {
  let k = 0;
  while (k < run.words.length - 1 && AGENT_NOUNS.has(run.words[k]!.lower)) k++;
  const words = run.words.slice(k);
  return { start: words[0]!.start, end: words.at(-1)!.end, words };
}

export function findNames(text: string, sentences: Sentence[]): { mentions: EntityMention[]; entities: Entity[] } {
  const mentions: EntityMention[] = [];
  const entities: Entity[] = [];
  const bySurname = new Map<string, Entity>();
  const byName = new Map<string, Entity>();
  for (const s of sentences) {
    for (const raw of runsIn(text, s)) {
      let run = raw;
      // "Russian Foreign Ministry Maria Zakharova": an organisation followed by a person.
      const h = findLastIndex(run.words, (w) => ORG_HEADS.has(w.lower));
      const rest = run.words.slice(h + 1);
      if (h >= 0 && rest.length >= 2 && rest.length <= 3 && rest.every((w) => w.cap)) {
        add(run.words.slice(0, h + 1), 'ORG');
        run = personPart({ start: rest[0]!.start, end: rest.at(-1)!.end, words: rest });
      }
      let type = typeOf(run);
      if (type === 'MISC' && run.titled && run.words.length <= 3) type = 'PERSON';
      if (type === 'MISC') {
        // A single capitalised word is a person when it is a known surname.
        const known = run.words.length === 1 ? bySurname.get(run.words[0]!.lower) : undefined;
        if (!known) {
          // "Russian Foreign Ministry Spokesperson Maria Zakharova": split at the title word.
          const idx = run.words.findIndex((w) => AGENT_NOUNS.has(w.lower));
          if (idx >= 0 && idx < run.words.length - 1) {
            const org = run.words.slice(0, idx);
            if (org.length > 0 && ORG_HEADS.has(org.at(-1)!.lower)) add(org, 'ORG');
            run = personPart({ start: 0, end: 0, words: run.words.slice(idx) });
            type = run.words.length >= 2 ? 'PERSON' : 'MISC';
          }
        } else type = 'PERSON';
      }
      if (type === 'MISC') continue;
      add(run.words, type);
    }
  }
  const names = new Map(entities.map((e) => [e.id, e.name]));
  for (const m of mentions) m.name = names.get(m.entityId) ?? m.name;
  return { mentions, entities };

  function add(words: Token[], type: EntityType): void {
    const start = words[0]!.start;
    const end = words.at(-1)!.end;
    const mtext = text.slice(start, end);
    const surname = words.at(-1)!.lower;
    let e = byName.get(mtext.toLowerCase()) ?? (type === 'PERSON' ? bySurname.get(surname) : undefined);
    if (!e) {
      e = { id: `q${entities.length + 1}`, name: mtext, type, aliases: [], roles: [] };
      entities.push(e);
      byName.set(mtext.toLowerCase(), e);
      if (type === 'PERSON') bySurname.set(surname, e);
    } else if (e.name !== mtext && !e.aliases.includes(mtext)) {
      if (mtext.length > e.name.length) {
        e.aliases.push(e.name);
        e.name = mtext;
      } else e.aliases.push(mtext);
    }
    mentions.push({ start, end, text: mtext, type, entityId: e.id, name: e.name });
  }
}

function findLastIndex<T>(xs: readonly T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!)) return i;
  return -1;
}
