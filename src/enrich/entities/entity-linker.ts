/**
 * Within-document canonicalisation: groups mentions that name the same thing
 * ("Maria Zakharova", "Zakharova", "Zakharova's"; "Collective Security Treaty
 * Organisation" and "CSTO"; "OSCE Minsk Group" and "Minsk Group").
 */
import type { Entity, EntityMention, EntityRole, EntityType } from '../../model/types.js';

export interface LinkableMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** Set when the mention is "Full Name (ACRONYM)": the acronym's mention index. */
  acronymOf?: number;
  role?: EntityRole | null;
}

const LOC_SUFFIXES = /\s+(Province|Region|Oblast|District|Governorate|County|Marz|region|province)$/u;
const STOP = new Set(['of', 'the', 'and', 'for', 'on', 'in', '&']);

/** The name a mention contributes: no leading "the", no possessive, single spaces, straight apostrophes. */
export function mentionName(text: string): string {
  // Most mentions are their own name already (called several times per mention): answered by one scan.
  if (isPlainName(text)) return text;
  return text
    .replace(/[’‘]/g, "'")
    .replace(/^the\s+/i, '')
    .replace(/'s$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether every rewrite of `mentionName` leaves `text` as it is: no curly apostrophe, no white space but single
 * spaces between other characters, no leading "the" and a space-like character, no final "'s".
 */
function isPlainName(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2019 || c === 0x2018) return false;
    if (c === 32) {
      if (k === 0 || k === n - 1 || text.charCodeAt(k - 1) === 32) return false;
    } else if (c < 0x80 ? c >= 9 && c <= 13 : SPACE_CHAR.test(text[k]!)) return false;
  }
  if (n >= 2 && text.charCodeAt(n - 1) === 0x73 && text.charCodeAt(n - 2) === 0x27) return false;
  if (n >= 4 && (text.charCodeAt(0) | 0x20) === 0x74 && (text.charCodeAt(1) | 0x20) === 0x68 && (text.charCodeAt(2) | 0x20) === 0x65 && text.charCodeAt(3) === 32) return false;
  return true;
}

const SPACE_CHAR = /\s/;

function words(name: string): string[] {
  const parts = name.split(' ');
  // Most names have single spaces only: nothing to drop, no filtered copy.
  for (const w of parts) if (w === '') return parts.filter((x) => x !== '');
  return parts;
}

function initials(name: string): string {
  return words(name)
    .filter((w) => !STOP.has(w.toLowerCase()))
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

function isAcronym(name: string): boolean {
  return /^[\p{Lu}&.]{2,10}$/u.test(name);
}

interface Cluster {
  id: number;
  type: EntityType;
  names: Map<string, number>;
  mentions: number[];
  roles: EntityRole[];
}

/** Majority type per name, so one mistagged "Zakharova's" does not split her off. */
function votedTypes(ms: readonly LinkableMention[]): Map<string, EntityType> {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const m of ms) {
    const key = mentionName(m.text).toLowerCase();
    const v = votes.get(key) ?? new Map<EntityType, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
    votes.set(key, v);
  }
  const order: EntityType[] = ['PERSON', 'ORG', 'LOC', 'MISC'];
  const out = new Map<string, EntityType>();
  for (const [k, v] of votes) {
    let best: EntityType = 'MISC';
    let n = -1;
    for (const t of order) {
      const c = v.get(t) ?? 0;
      if (c > n) {
        n = c;
        best = t;
      }
    }
    out.set(k, best);
  }
  return out;
}

export function linkMentions(ms: readonly LinkableMention[]): { mentions: EntityMention[]; entities: Entity[] } {
  const types = votedTypes(ms);
  const typeOf = (m: LinkableMention): EntityType => types.get(mentionName(m.text).toLowerCase()) ?? m.type;
  const clusters: Cluster[] = [];
  const clusterOf = new Array<Cluster | undefined>(ms.length);
  const byKey = new Map<string, Cluster>();
  const keyOf = (type: EntityType, name: string): string => `${type}|${(type === 'LOC' ? name.replace(LOC_SUFFIXES, '') : name).toLowerCase()}`;
  const newCluster = (type: EntityType): Cluster => {
    const c: Cluster = { id: clusters.length + 1, type, names: new Map(), mentions: [], roles: [] };
    clusters.push(c);
    return c;
  };
  const persons = new PersonIndex(ms);
  const attach = (i: number, c: Cluster): void => {
    const name = mentionName(ms[i]!.text);
    clusterOf[i] = c;
    c.mentions.push(i);
    const isNew = !c.names.has(name);
    c.names.set(name, (c.names.get(name) ?? 0) + 1);
    byKey.set(keyOf(c.type, name), c);
    persons.attached(c, i, isNew ? name : null);
  };

  // Longer names first, so "Zakharova" finds "Maria Zakharova" wherever it appears.
  const wordCount = ms.map((m) => words(mentionName(m.text)).length);
  const order = ms.map((_, i) => i).sort((a, b) => wordCount[b]! - wordCount[a]! || a - b);
  const orgs: Cluster[] = [];
  for (const i of order) {
    const m = ms[i]!;
    const name = mentionName(m.text);
    if (name === '') continue;
    let type = typeOf(m);
    const w = words(name);
    // A single word that is a known person's surname or given name is that person, whatever the tagger said.
    if (w.length === 1) {
      const person = persons.nearest(name, m.start);
      if (person && (type === 'PERSON' || !isAcronym(name))) {
        attach(i, person);
        continue;
      }
    }
    const existing = byKey.get(keyOf(type, name));
    if (existing) {
      attach(i, existing);
      continue;
    }
    if (type === 'ORG' || (type === 'MISC' && isAcronym(name))) {
      const org = orgs.find((c) => [...c.names.keys()].some((n) => sameOrg(n, name)));
      if (org) {
        attach(i, org);
        continue;
      }
      if (isAcronym(name)) type = 'ORG';
    }
    const c = newCluster(type);
    attach(i, c);
    if (type === 'PERSON') persons.add(c);
    if (type === 'ORG') orgs.push(c);
  }
  // "Collective Security Treaty Organisation (CSTO)": the acronym joins the full name.
  ms.forEach((m, i) => {
    if (m.acronymOf === undefined) return;
    const full = clusterOf[i];
    const acr = clusterOf[m.acronymOf];
    if (full && acr && full !== acr) mergeInto(full, acr, clusterOf);
  });
  ms.forEach((m, i) => {
    const c = clusterOf[i];
    if (c && m.role) c.roles.push(m.role);
  });

  const firstStart = new Map<Cluster, number>();
  for (const c of clusters) {
    let first = Infinity;
    for (const i of c.mentions) first = Math.min(first, ms[i]!.start);
    firstStart.set(c, first);
  }
  const live = clusters.filter((c) => c.mentions.length > 0).sort((a, b) => firstStart.get(a)! - firstStart.get(b)!);
  const ids = new Map<Cluster, string>(live.map((c, k) => [c, `e${k + 1}`]));
  const canonical = new Map<Cluster, string>(live.map((c) => [c, canonicalName(c)]));
  const entities: Entity[] = live.map((c) => {
    const name = canonical.get(c)!;
    const aliases = new Set<string>();
    for (const i of c.mentions) {
      const n = mentionName(ms[i]!.text);
      if (n !== name) aliases.add(n);
    }
    return { id: ids.get(c)!, name, type: c.type, aliases: [...aliases], roles: dedupeRoles(c.roles) };
  });
  const mentions: EntityMention[] = [];
  ms.forEach((m, i) => {
    const c = clusterOf[i];
    if (!c) return;
    mentions.push({ start: m.start, end: m.end, text: m.text, type: c.type, entityId: ids.get(c)!, name: canonical.get(c)! });
  });
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, entities };
}

function mergeInto(target: Cluster, from: Cluster, clusterOf: (Cluster | undefined)[]): void {
  for (const i of from.mentions) {
    clusterOf[i] = target;
    target.mentions.push(i);
  }
  for (const [n, k] of from.names) target.names.set(n, (target.names.get(n) ?? 0) + k);
  from.mentions = [];
}

/**
 * Person clusters by the parts of their multi-word names, each with its
 * mentions' start offsets kept sorted, so that finding the person a single
 * word ("Zakharova") refers to takes a lookup and a binary search instead of
 * a scan of every person and mention (quadratic on long documents).
 */
class PersonIndex {
  /** lower-cased name part → person clusters holding a multi-word name with that part, in creation order */
  private readonly byPart = new Map<string, Cluster[]>();
  private readonly starts = new Map<Cluster, number[]>();

  constructor(private readonly ms: readonly LinkableMention[]) {}

  /** Registers a new person cluster (after its first mention was attached). */
  add(c: Cluster): void {
    const starts = c.mentions.map((i) => this.ms[i]!.start).sort((a, b) => a - b);
    this.starts.set(c, starts);
    for (const n of c.names.keys()) this.indexName(c, n);
  }

  /** Keeps the index current when mention `i` joins `c`; `newName` when the mention brought a name `c` did not have. */
  attached(c: Cluster, i: number, newName: string | null): void {
    const starts = this.starts.get(c);
    if (starts === undefined) return;
    const at = this.ms[i]!.start;
    starts.splice(upperBound(starts, at), 0, at);
    if (newName !== null) this.indexName(c, newName);
  }

  private indexName(c: Cluster, name: string): void {
    const w = words(name);
    if (w.length <= 1) return;
    for (const x of w) {
      const key = x.toLowerCase();
      let list = this.byPart.get(key);
      if (list === undefined) this.byPart.set(key, (list = []));
      if (list.includes(c)) continue;
      // Creation order (cluster ids grow), as a scan over all persons would meet them.
      let k = list.length;
      while (k > 0 && list[k - 1]!.id > c.id) k--;
      list.splice(k, 0, c);
    }
  }

  /**
   * The person cluster whose name contains `word` as a name part, preferring
   * the one mentioned closest before (a mention after counts four times its distance).
   */
  nearest(word: string, at: number): Cluster | undefined {
    let best: Cluster | undefined;
    let bestDist = Infinity;
    for (const c of this.byPart.get(word.toLowerCase()) ?? []) {
      const starts = this.starts.get(c)!;
      const k = upperBound(starts, at);
      // The closest start at or before `at`, and the first one after it.
      const before = k > 0 ? at - starts[k - 1]! : Infinity;
      const after = k < starts.length ? (starts[k]! - at) * 4 : Infinity;
      const d = Math.min(before, after);
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    return best;
  }
}

/** Index of the first element of sorted `a` greater than `x`. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "CSTO" ~ "Collective Security Treaty Organisation"; "Minsk Group" ~ "OSCE Minsk Group". */
function sameOrg(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (isAcronym(a) && !isAcronym(b)) return initials(b) === a.replace(/\./g, '');
  if (isAcronym(b) && !isAcronym(a)) return initials(a) === b.replace(/\./g, '');
  const wa = words(a);
  const wb = words(b);
  const [short, long] = wa.length < wb.length ? [wa, wb] : [wb, wa];
  if (short.length < 2 || short.length === long.length) return false;
  return long.slice(long.length - short.length).join(' ').toLowerCase() === short.join(' ').toLowerCase();
}

function canonicalName(c: Cluster): string {
  let best = '';
  let bestScore = -1;
  for (const [n, count] of c.names) {
    // Prefer full names (more words), then the most frequent, never an acronym over a spelled-out name.
    const score = (isAcronym(n) ? 0 : 1000) + words(n).length * 10 + Math.min(count, 9);
    if (score > bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}

function dedupeRoles(roles: readonly EntityRole[]): EntityRole[] {
  const seen = new Map<string, EntityRole>();
  for (const r of roles) {
    const key = `${r.role}|${(r.affiliation ?? '').toLowerCase()}|${(r.postedTo ?? '').toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}
