/**
 * PolNeAR reading and the quote metric of `../shared/README.md`: a predicted
 * content span matches a gold one when it covers at least 30% (or 80%) of the
 * gold span's characters; one-to-one matching, best coverage first; speaker
 * accuracy over matched quotes whose gold attribution has a Source; cue
 * accuracy over all matched quotes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Span {
  start: number;
  end: number;
}

export interface GoldAttribution {
  content: Span[];
  cue: Span[];
  source: Span[] | null;
  sourceText: string | null;
  direct: boolean;
}

export interface GoldDoc {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

export interface Prediction {
  content: Span[];
  direct: boolean;
  cue: Span | null;
  speaker: { span: Span | null; name: string | null } | null;
}

export function polnearDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/bench/quotes/polnear');
}

function parseSpans(s: string): Span[] {
  return s.split(';').map((p) => {
    const [a, b] = p.trim().split(/\s+/).map(Number);
    return { start: a!, end: b! };
  });
}

const OPEN = /^["“‘'«]/u;
const CLOSE = /["”’'»]$/u;

/**
 * Gold content "in quote marks": the first piece opens with a quotation mark
 * (after an optional "that") and the last piece closes with one (before
 * trailing punctuation). Inner pieces may be open-ended: a quote running over
 * paragraphs leaves its first paragraphs unclosed.
 */
function isDirect(text: string, spans: Span[]): boolean {
  const first = text.slice(spans[0]!.start, spans[0]!.end).trim().replace(/^that\s+/iu, '');
  const last = text.slice(spans.at(-1)!.start, spans.at(-1)!.end).trim().replace(/[.,;:]+$/u, '');
  return OPEN.test(first) && CLOSE.test(last) && first.length > 2 && last.length > 2;
}

export function parseAnn(text: string, ann: string): GoldAttribution[] {
  const tb = new Map<string, { type: string; spans: Span[]; text: string }>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (line.startsWith('T') && cols.length >= 2) {
      const head = cols[1]!;
      const sp = head.indexOf(' ');
      tb.set(cols[0]!, { type: head.slice(0, sp), spans: parseSpans(head.slice(sp + 1)), text: cols[2] ?? '' });
    } else if (line.startsWith('E') && cols.length >= 2) events.push(cols[1]!);
  }
  const out: GoldAttribution[] = [];
  for (const ev of events) {
    const args = new Map<string, string>();
    for (const part of ev.split(/\s+/)) {
      const [role, id] = part.split(':');
      if (role && id) args.set(role.replace(/\d+$/, ''), id);
    }
    const content = tb.get(args.get('Content') ?? '');
    const cue = tb.get(args.get('Cue') ?? '');
    if (!content) continue;
    const source = tb.get(args.get('Source') ?? '');
    out.push({
      content: content.spans,
      cue: cue?.spans ?? [],
      source: source?.spans ?? null,
      sourceText: source?.text ?? null,
      direct: isDirect(text, content.spans),
    });
  }
  return out;
}

/** The documents of one compartment; for doubly annotated documents the first annotator listed in metadata.tsv is used. */
export function loadPolnear(dir: string, compartment: 'train' | 'dev', limit?: number): GoldDoc[] {
  const meta = readFileSync(path.join(dir, 'metadata.tsv'), 'utf8').split('\n').slice(1);
  const docs: GoldDoc[] = [];
  for (const line of meta) {
    const c = line.split('\t');
    if (c[0] !== compartment) continue;
    const name = c[1]!;
    const annotators = (c[3] ?? '').split('|').sort();
    const textPath = path.join(dir, compartment, 'text', `${name}.txt`);
    const annPath = annotators.map((a) => path.join(dir, compartment, 'attributions', `${name}_${a}.ann`)).find((p) => existsSync(p));
    if (!annPath || !existsSync(textPath)) continue;
    const text = readFileSync(textPath, 'utf8');
    docs.push({ id: name, text, attributions: parseAnn(text, readFileSync(annPath, 'utf8')) });
  }
  docs.sort((a, b) => (a.id < b.id ? -1 : 1));
  return limit === undefined ? docs : docs.slice(0, limit);
}

export function hasPolnear(dir: string): boolean {
  const devText = path.join(dir, 'dev', 'text');
  return existsSync(path.join(dir, 'metadata.tsv')) && existsSync(devText) && readdirSync(devText).length > 0;
}

/** Share of the gold span's characters covered by the predicted pieces. */
export function covered(pred: Span[], gold: Span[]): number {
  let total = 0;
  let cov = 0;
  for (const g of gold) {
    total += g.end - g.start;
    // Gold pieces never overlap each other; predicted pieces neither.
    for (const p of pred) cov += Math.max(0, Math.min(p.end, g.end) - Math.max(p.start, g.start));
  }
  return total === 0 ? 0 : cov / total;
}

export function spansOverlap(a: Span, bs: Span[]): boolean {
  return bs.some((b) => a.start < b.end && b.start < a.end);
}

const NAME_STOP = new Set(['The', 'A', 'An', 'He', 'She', 'They', 'It', 'We', 'I', 'Mr', 'Mrs', 'Ms', 'Dr', 'Sen', 'Gov', 'President', 'His', 'Her', 'Their']);

function capWords(s: string): Set<string> {
  return new Set((s.match(/\p{Lu}[\p{L}’'-]+/gu) ?? []).map((w) => w.replace(/[’']s$/u, '')).filter((w) => !NAME_STOP.has(w)));
}

export function speakerCorrect(p: Prediction, g: GoldAttribution): boolean {
  if (!p.speaker || !g.source) return false;
  if (p.speaker.span && spansOverlap(p.speaker.span, g.source)) return true;
  if (p.speaker.name && g.sourceText) {
    const a = capWords(p.speaker.name);
    for (const w of capWords(g.sourceText)) if (a.has(w)) return true;
  }
  return false;
}

export interface Counts {
  pred: number;
  gold: number;
  tp: number;
  speakerAsked: number;
  speakerRight: number;
  cueAsked: number;
  cueRight: number;
}

export function emptyCounts(): Counts {
  return { pred: 0, gold: 0, tp: 0, speakerAsked: 0, speakerRight: 0, cueAsked: 0, cueRight: 0 };
}

/**
 * The metric's matching: prediction–gold pairs whose coverage reaches `threshold`, one-to-one, highest coverage
 * first (indices into `preds` and `golds`).
 */
export function matchOneToOne(preds: readonly Prediction[], golds: readonly GoldAttribution[], threshold: number): { p: number; g: number; cov: number }[] {
  const pairs: { p: number; g: number; cov: number }[] = [];
  preds.forEach((p, pi) =>
    golds.forEach((g, gi) => {
      const cov = covered(p.content, g.content);
      if (cov >= threshold) pairs.push({ p: pi, g: gi, cov });
    }),
  );
  pairs.sort((a, b) => b.cov - a.cov);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: { p: number; g: number; cov: number }[] = [];
  for (const pr of pairs) {
    if (usedP.has(pr.p) || usedG.has(pr.g)) continue;
    usedP.add(pr.p);
    usedG.add(pr.g);
    out.push(pr);
  }
  return out;
}

/** Adds one document's matches at one overlap threshold to `c`. */
export function scoreDoc(preds: Prediction[], golds: GoldAttribution[], threshold: number, c: Counts): void {
  c.pred += preds.length;
  c.gold += golds.length;
  for (const pr of matchOneToOne(preds, golds, threshold)) {
    c.tp++;
    const p = preds[pr.p]!;
    const g = golds[pr.g]!;
    if (g.source) {
      c.speakerAsked++;
      if (speakerCorrect(p, g)) c.speakerRight++;
    }
    if (p.cue) {
      c.cueAsked++;
      if (spansOverlap(p.cue, g.cue)) c.cueRight++;
    }
  }
}

export function prf(c: Counts): { p: number; r: number; f1: number; speaker: number; cue: number } {
  const p = c.pred === 0 ? 0 : c.tp / c.pred;
  const r = c.gold === 0 ? 0 : c.tp / c.gold;
  return {
    p,
    r,
    f1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
    speaker: c.speakerAsked === 0 ? 0 : c.speakerRight / c.speakerAsked,
    cue: c.cueAsked === 0 ? 0 : c.cueRight / c.cueAsked,
  };
}

export interface SystemScores {
  direct30: Counts;
  direct80: Counts;
  all30: Counts;
  all80: Counts;
}

export function scoreSystem(docs: readonly GoldDoc[], predict: (d: GoldDoc) => Prediction[]): SystemScores {
  const s: SystemScores = { direct30: emptyCounts(), direct80: emptyCounts(), all30: emptyCounts(), all80: emptyCounts() };
  for (const d of docs) {
    const preds = predict(d);
    const directPreds = preds.filter((p) => p.direct);
    const directGold = d.attributions.filter((g) => g.direct);
    scoreDoc(directPreds, directGold, 0.3, s.direct30);
    scoreDoc(directPreds, directGold, 0.8, s.direct80);
    scoreDoc(preds, d.attributions, 0.3, s.all30);
    scoreDoc(preds, d.attributions, 0.8, s.all80);
  }
  return s;
}

/** The PolNeAR train documents for the learning scripts; exits quietly (nothing learned) when the data is absent. */
export function trainDocsOrExit(repoRoot: string): GoldDoc[] {
  const dir = polnearDir(repoRoot);
  if (!hasPolnear(dir)) {
    console.error(`PolNeAR not found at ${dir}; nothing learned.`);
    process.exit(0);
  }
  return loadPolnear(dir, 'train');
}

/**
 * Which predictions the benchmark's one-to-one matching (30%, best coverage first) pairs with a gold attribution
 * whose cue they overlap and (when the gold has a source) whose speaker they get right: a content span that only
 * happens to cover some attribution is not evidence that the rule found it. With `strict` false: direct gold quotes
 * only, content only (as the direct rows score).
 */
export function matchedPredictions(preds: Prediction[], d: GoldDoc, strict = true): boolean[] {
  const golds = strict ? d.attributions : d.attributions.filter((g) => g.direct);
  const pairs: { p: number; g: number; cov: number }[] = [];
  preds.forEach((p, pi) =>
    golds.forEach((g, gi) => {
      const c = covered(p.content, g.content);
      if (c >= 0.3) pairs.push({ p: pi, g: gi, cov: c });
    }),
  );
  pairs.sort((a, b) => b.cov - a.cov);
  const out = preds.map(() => false);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  for (const pr of pairs) {
    if (usedP.has(pr.p) || usedG.has(pr.g)) continue;
    usedP.add(pr.p);
    usedG.add(pr.g);
    const p = preds[pr.p]!;
    const g = golds[pr.g]!;
    out[pr.p] = !strict || (p.cue !== null && spansOverlap(p.cue, g.cue) && (g.source === null || speakerCorrect(p, g)));
  }
  return out;
}
