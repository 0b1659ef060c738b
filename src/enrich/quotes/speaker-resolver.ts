/**
 * Who the source phrase of an attribution refers to: a named mention inside
 * it, or — for pronouns ("she"), role nouns ("the spokesperson", "the
 * diplomat", "the ministry") and "the statement" — the entity they point back
 * to: the most recent compatible speaker or mention, with role matches first.
 * Anonymous sources stay anonymous, keeping the outlet they talked to.
 */
import type { Entity, EntityMention, EntityType, Quote } from '../../model/types.js';
import { PERSON_TITLES } from '../entities/mention-rules.js';

export type Speaker = NonNullable<Quote['speaker']>;

export interface SpeakerHistoryItem {
  at: number;
  speaker: Speaker;
  type: EntityType | null;
  /** The cue phrase said "in a statement". */
  statement: boolean;
}

export interface ResolveContext {
  text: string;
  mentions: readonly EntityMention[];
  entities: ReadonlyMap<string, Entity>;
  history: readonly SpeakerHistoryItem[];
  /** Subjects of "X said in a statement" seen so far, in text order. */
  statementMakers: readonly { at: number; speaker: Speaker; type: EntityType | null }[];
}

const TYPE_RANK: Record<EntityType, number> = { PERSON: 3, ORG: 2, LOC: 1, MISC: 0 };
const ORG_NOUNS = new Set(['ministry', 'embassy', 'department', 'government', 'agency', 'office', 'service', 'committee', 'council', 'administration', 'campaign', 'party', 'court', 'commission', 'mission', 'military', 'army', 'police', 'parliament', 'company', 'group', 'organization', 'organisation', 'white house', 'kremlin', 'pentagon']);
/** Role nouns that name a kind of person without a specific office. */
const GENERIC_PERSON = new Set(['diplomat', 'official', 'politician', 'man', 'woman', 'leader', 'candidate', 'nominee', 'lawmaker', 'envoy']);
const LOOKBACK = 2500;

function span(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

function stripDet(s: string): string {
  return s.replace(/^(?:the|a|an)\s+/i, '').replace(/[,\s]+$/u, '');
}

/** Possessive determiners: "Its chief executive" names a role of someone else, never a person called "Its". */
const POSSESSIVES = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
/** Capitalised words that are never (part of the start of) a name: determiners, pronouns, question words. */
const FUNCTION_WORDS = new Set([
  'it', 'its', 'they', 'them', 'their', 'he', 'she', 'him', 'her', 'his', 'we', 'us', 'our', 'i', 'me', 'my', 'you', 'your',
  'who', 'whom', 'whose', 'which', 'what', 'that', 'this', 'these', 'those', 'the', 'a', 'an', 'one', 'some', 'any', 'each',
  'every', 'both', 'all', 'many', 'several', 'such', 'another', 'other', 'others', 'none', 'there', 'here',
]);

/**
 * Where the source phrase stops being about the source: a passive agent or a recipient ("figures seen by the
 * Courier", "documents obtained by the Herald", "a memo leaked to Reuters") names who had the material, not who said it.
 */
const HOLDER = /\s(?:seen|obtained|reviewed|viewed|acquired|examined)\s+by\s|\s(?:leaked|given|provided|sent|shown|passed)\s+to\s/iu;

function holderCut(phrase: string): number {
  const m = HOLDER.exec(phrase);
  return m === null ? phrase.length : m.index;
}

/** A description of the phrase, not a name: its first word lowercased when it is a determiner ("its chief executive"). */
function describe(phrase: string): string {
  const d = stripDet(phrase);
  const first = /^[\p{L}’']+/u.exec(d)?.[0] ?? '';
  return FUNCTION_WORDS.has(first.toLowerCase()) ? first.toLowerCase() + d.slice(first.length) : d;
}

function fromMention(m: EntityMention, base: { start: number; end: number; text: string }): Speaker {
  return { ...base, entityId: m.entityId, name: m.name };
}

function lastMention(ctx: ResolveContext, before: number, pred: (m: EntityMention) => boolean): EntityMention | null {
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i]!;
    if (m.end > before) continue;
    if (before - m.end > LOOKBACK * 2) break;
    if (pred(m)) return m;
  }
  return null;
}

function lastSpeaker(ctx: ResolveContext, before: number, pred: (h: SpeakerHistoryItem) => boolean): SpeakerHistoryItem | null {
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const h = ctx.history[i]!;
    if (h.at > before) continue;
    if (before - h.at > LOOKBACK) break;
    if (!h.speaker.anonymous && h.speaker.name !== null && pred(h)) return h;
  }
  return null;
}

/** `\b<role>` (case-insensitive) per role word, compiled once (V8 compiles a pattern on its first use). Bounded. */
const rolePatterns = new Map<string, RegExp>();
function rolePattern(role: string): RegExp {
  let re = rolePatterns.get(role);
  if (re === undefined) {
    re = new RegExp(`\\b${role}`, 'i');
    if (rolePatterns.size >= 4096) rolePatterns.clear();
    rolePatterns.set(role, re);
  }
  return re;
}

/** Whether the text just before a mention, in its sentence, carries the role word ("spokesperson … Maria Zakharova"). */
function roleContext(text: string, m: EntityMention, role: string): boolean {
  const from = Math.max(0, m.start - 90);
  let ctxText = text.slice(from, m.start);
  const stop = Math.max(ctxText.lastIndexOf('. '), ctxText.lastIndexOf('\n'));
  if (stop >= 0) ctxText = ctxText.slice(stop + 1);
  const after = text.slice(m.end, Math.min(text.length, m.end + 40)).split(/[.\n]/)[0] ?? '';
  const re = rolePattern(role);
  return re.test(ctxText) || (/^,\s+(?:the|a|an)\s/i.test(after) && re.test(after));
}

function hasRole(e: Entity | undefined, role: string): boolean {
  return e !== undefined && e.roles.some((r) => r.role.toLowerCase().includes(role) || r.evidence.toLowerCase().includes(role));
}

/** A place mention that is not the head of the source phrase: words go on after it, or a preposition puts it in place. */
function nestedPlace(text: string, start: number, end: number, m: EntityMention): boolean {
  // Auxiliaries and adverbs a source phrase may trail ("Portugal has formally") do not make the place a modifier.
  const after = text
    .slice(m.end, end)
    .split(/[^\p{L}’']+/u)
    .filter((w) => w.length > 0 && !/^(?:has|have|had|is|was|are|were|will|would|also|\p{L}+ly)$/iu.test(w));
  const before = text.slice(start, m.start);
  const possessive = /^[’']s\b/u.test(text.slice(m.end, end));
  if (after.length > 0 && !possessive) return true;
  // "Sodankylä's mayor", "Russia's foreign minister": the place's office holder speaks, not the place ("Finland's
  // government" still heads with the place: a government speaks for it).
  if (possessive && after.length > 1 && PERSON_TITLES.has(after[after.length - 1]!.toLowerCase())) return true;
  return /\b(?:in|of|from|near|at|across|around|outside|inside)\s+(?:the\s+)?$/iu.test(before);
}

/** Words that open or join a noun phrase rather than name its people ("with reindeer herders who …"). */
const PHRASE_OPENERS = new Set(['with', 'by', 'of', 'for', 'from', 'to', 'in', 'on', 'at', 'and', 'or', 'as', 'among', 'including', 'than', 'against', 'about', 'like']);

/**
 * Where a plain noun phrase of up to three lower-case words ends right before `end` ("reindeer herders" in
 * "… with reindeer herders who said"), or null. Bounded: reads at most 80 characters.
 */
function groupBefore(text: string, end: number): number | null {
  const from = Math.max(0, end - 80);
  const m = /(?<![\p{L}\p{N}'’-])((?:\p{Ll}[\p{Ll}-]{0,24} ){0,2}\p{Ll}[\p{Ll}-]{1,24})\s+$/u.exec(text.slice(from, end));
  if (m === null) return null;
  let start = from + m.index;
  const words = m[1]!.split(' ');
  // Drop openers and function words from the left: "with reindeer herders" → "reindeer herders".
  while (words.length > 0 && (PHRASE_OPENERS.has(words[0]!) || FUNCTION_WORDS.has(words[0]!))) start += words.shift()!.length + 1;
  const head = words.at(-1);
  if (head === undefined || FUNCTION_WORDS.has(head) || PHRASE_OPENERS.has(head)) return null;
  return start;
}

export function resolveSpeaker(
  ctx: ResolveContext,
  src: { start: number; end: number },
  at: number,
): { speaker: Speaker; type: EntityType | null } {
  const { text } = ctx;
  const base = { start: src.start, end: src.end, text: span(text, src.start, src.end) };
  // 1. A named mention inside the phrase; a person beats the organisation in "Foreign Ministry spokesperson Maria Zakharova".
  let best: EntityMention | null = null;
  const core = src.start + holderCut(base.text);
  for (const m of ctx.mentions) {
    if (m.start >= core || m.end <= src.start) continue;
    // "Farmers in the Santarém district", "the head of the Sodankylä herding cooperative": a place inside a longer
    // phrase only locates its head; the place speaks only when it heads the phrase ("Finland said", "Finland's …").
    if ((m.type === 'LOC' || m.type === 'MISC') && nestedPlace(text, src.start, Math.min(core, src.end), m)) continue;
    if (best === null || TYPE_RANK[m.type] > TYPE_RANK[best.type] || (TYPE_RANK[m.type] === TYPE_RANK[best.type] && m.start > best.start)) best = m;
  }
  if (best) {
    // "Armenia’s Defence Ministry" where the mention is only "Defence Ministry": keep whose ministry it is.
    const owner = best.type === 'ORG' ? /(\p{Lu}[\p{L}-]*[’']s)\s+$/u.exec(text.slice(src.start, best.start)) : null;
    const speaker = fromMention(best, base);
    if (owner && !speaker.name?.includes(owner[1]!)) speaker.name = `${owner[1]!} ${speaker.name ?? best.text}`;
    return { speaker, type: best.type };
  }

  const phrase = base.text.slice(0, core - src.start);
  const words = phrase.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
  const head = (words.at(-1) ?? '').replace(/[’']s$/, '');
  const first = words[0] ?? '';
  const anonymous = first === 'a' || first === 'an' || /^(?:sources|officials|people|insiders|aides|some|several|two|three|many|one)$/.test(first);

  if (/^(?:he|she|him|her)$/.test(head) && words.length === 1) {
    const h = lastSpeaker(ctx, at, (x) => x.type === 'PERSON');
    const m = lastMention(ctx, src.start, (x) => x.type === 'PERSON');
    // The last person to speak, unless another person was named since (then the text switched subject).
    const namedSince = m !== null && h !== null && m.start > h.at && /[.!?]["”’]?\s|\n/.test(text.slice(h.at, m.start)) && m.entityId !== h.speaker.entityId;
    if (h && !namedSince) return { speaker: { ...base, entityId: h.speaker.entityId, name: h.speaker.name }, type: 'PERSON' };
    if (m) return { speaker: fromMention(m, base), type: 'PERSON' };
    return { speaker: { ...base, entityId: null, name: null }, type: 'PERSON' };
  }
  if (head === 'who' && words.length === 1) {
    // "Barkley, who said …": the name just before the relative pronoun.
    const m = lastMention(ctx, src.start, (x) => src.start - x.end < 6);
    if (m) return { speaker: fromMention(m, base), type: m.type };
    const before = /(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})\s*,\s*$/u.exec(text.slice(Math.max(0, src.start - 60), src.start));
    if (before) return { speaker: { ...base, entityId: null, name: before[1]!.replace(/^(?:Mr|Mrs|Ms|Dr)\.?\s+/u, '') }, type: 'PERSON' };
    // "… a dispute with reindeer herders who said …": the group named just before the pronoun, kept anonymous.
    const group = groupBefore(text, src.start);
    if (group !== null) return { speaker: { start: group, end: src.end, text: span(text, group, src.end), entityId: null, name: null, anonymous: true }, type: null };
  }
  if (/^(?:it|they)$/.test(head) && words.length === 1) {
    const h = lastSpeaker(ctx, at, (x) => x.type !== 'PERSON');
    if (h) return { speaker: { ...base, entityId: h.speaker.entityId, name: h.speaker.name }, type: h.type };
    const m = lastMention(ctx, src.start, (x) => x.type === 'ORG');
    if (m) return { speaker: fromMention(m, base), type: 'ORG' };
    return { speaker: { ...base, entityId: null, name: null }, type: null };
  }
  if (head === 'statement' || head === 'statements' || head === 'communique' || head === 'release') {
    const maker = [...ctx.statementMakers].reverse().find((s) => s.at <= at && at - s.at < LOOKBACK);
    if (maker) return { speaker: { ...base, entityId: maker.speaker.entityId, name: maker.speaker.name }, type: maker.type };
    // "The statements reiterate …": the statement of whoever spoke last.
    const h = lastSpeaker(ctx, at, () => true);
    if (h && /^the$/.test(first)) return { speaker: { ...base, entityId: h.speaker.entityId, name: h.speaker.name }, type: h.type };
  }
  if (!anonymous && words.length === 1 && FUNCTION_WORDS.has(head)) {
    // "herders who say …" with no name to point back to, "one said": an unresolved pronoun, shown as written.
    return { speaker: { ...base, entityId: null, name: null }, type: null };
  }
  if (anonymous) return { speaker: { ...base, entityId: null, name: null, anonymous: true }, type: null };

  const bareRole = words.length === 1 && phrase === phrase.toLowerCase();
  if (bareRole || first === 'the' || first === 'this' || first === 'that' || POSSESSIVES.has(first)) {
    const role = head.replace(/s$/, '');
    const orgLike = ORG_NOUNS.has(head) || ORG_NOUNS.has(role);
    if (orgLike) {
      const m = lastMention(ctx, src.start, (x) => x.type === 'ORG' && x.name.toLowerCase().includes(role));
      if (m) return { speaker: fromMention(m, base), type: 'ORG' };
      const h = lastSpeaker(ctx, at, (x) => x.type === 'ORG' && (x.speaker.name ?? '').toLowerCase().includes(role));
      if (h) return { speaker: { ...base, entityId: h.speaker.entityId, name: h.speaker.name }, type: 'ORG' };
      return { speaker: { ...base, entityId: null, name: describe(phrase) }, type: 'ORG' };
    }
    // A person role: the latest person who holds it, then (for generic nouns) the latest person speaking.
    const holds = (x: EntityMention): boolean => x.type === 'PERSON' && (hasRole(ctx.entities.get(x.entityId), role) || roleContext(text, x, role));
    // A headline ("…, ambassador says") names the role before the text names the person: look ahead too.
    const byRole = lastMention(ctx, src.start, holds) ?? (bareRole ? (ctx.mentions.find((x) => x.start >= src.end && holds(x)) ?? null) : null);
    if (byRole) {
      const e = ctx.entities.get(byRole.entityId);
      return { speaker: { ...base, entityId: byRole.entityId, name: e?.name ?? byRole.name }, type: 'PERSON' };
    }
    const h = lastSpeaker(ctx, at, (x) => x.type === 'PERSON');
    if (h && GENERIC_PERSON.has(role)) return { speaker: { ...base, entityId: h.speaker.entityId, name: h.speaker.name }, type: 'PERSON' };
    const m = lastMention(ctx, src.start, (x) => x.type === 'PERSON');
    if (m && GENERIC_PERSON.has(role)) return { speaker: fromMention(m, base), type: 'PERSON' };
    return { speaker: { ...base, entityId: null, name: describe(phrase) }, type: null };
  }
  // A capitalised name the mention list missed: a run of capitalised words, without a leading determiner or
  // pronoun ("Its"), that heads the phrase. A run followed by a lowercase word only modifies it ("Finnish press",
  // "Internal figures" at a sentence start): the phrase is a description, not a name.
  let name: string | null = null;
  let nameAt = -1;
  for (const m of phrase.matchAll(/\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3}/gu)) {
    let run = m[0];
    let at = m.index;
    const lead = /^([\p{L}’']+)\s*/u.exec(run);
    if (lead !== null && FUNCTION_WORDS.has(lead[1]!.toLowerCase())) {
      at += lead[0].length;
      run = run.slice(lead[0].length);
    }
    if (run.length === 0) continue;
    name = run.replace(/[’']s$/u, '');
    nameAt = at;
  }
  if (name !== null && /^\s+\p{Ll}/u.test(phrase.slice(nameAt + name.length)) && !/^\s+(?:of|for|at|from|in|on|and)\b/u.test(phrase.slice(nameAt + name.length))) name = null;
  // "data from Portugal's environment agency": a possessive before lowercase words names whose the head is, not the speaker.
  if (name !== null && /^[’']s\s+\p{Ll}/u.test(phrase.slice(nameAt + name.length))) name = null;
  // Only a two-word name or a titled one is surely a person ("Moscow views…" is not someone "she" can point back to).
  const person = name !== null && (/\s/.test(name) || /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s*$/.test(phrase.slice(0, nameAt)));
  return { speaker: { ...base, entityId: null, name: name ?? describe(phrase) }, type: person ? 'PERSON' : null };
}
