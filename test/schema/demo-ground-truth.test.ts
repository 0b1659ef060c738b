/**
 * Checks that demo/ground-truth.json tells the truth about demo/corpus: every
 * document is listed, copies really copy and rewrites really rewrite. The
 * golden tests of the pipeline trust this file, so it must be right.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Entry {
  storyline: string;
  event: string;
  outlet: string;
  provenance: 'original' | 'wire' | 'near-copy' | 'rewrite';
  copyOf: string | null;
  eventDate: string;
  publishedAt: string | null;
  dateline: { place: string; agency: string } | null;
  directQuoteSpeakers: string[];
  hasDirectQuotes: boolean;
  stances: Array<'denial' | 'refusal'>;
  chrome: string[];
}
interface GroundTruth {
  storylines: Record<string, { label: string; events: string[] }>;
  events: Record<string, { storyline: string; date: string; label: string }>;
  files: Record<string, Entry>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.join(repoRoot, 'demo/corpus');
const truth = JSON.parse(readFileSync(path.join(repoRoot, 'demo/ground-truth.json'), 'utf8')) as GroundTruth;

/** The readable text of each document: tags and scripts stripped from HTML, JSON lines split. */
function documents(): Map<string, string> {
  const strip = (html: string) => html.replace(/<script[^>]*>[^<]*<\/script>/g, ' ').replace(/<[^>]{0,2000}>/g, ' ');
  const out = new Map<string, string>();
  for (const f of readdirSync(corpusDir)) {
    const raw = readFileSync(path.join(corpusDir, f), 'utf8');
    if (f.endsWith('.jsonl')) {
      raw.trim().split('\n').forEach((line, i) => {
        const r = JSON.parse(line) as { text?: string; html?: string };
        out.set(`${f}#${i + 1}`, r.text ?? strip(r.html ?? ''));
      });
    } else out.set(f, f.endsWith('.html') ? strip(raw) : raw);
  }
  return out;
}

function shingles(text: string, n = 5): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** Share of `a`'s shingles that also occur in `b`. */
function containment(a: string, b: string): number {
  const sa = shingles(a);
  const sb = shingles(b);
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return sa.size === 0 ? 0 : shared / sa.size;
}

describe('demo corpus ground truth', () => {
  const docs = documents();
  const entries = Object.entries(truth.files);

  it('lists every document of the corpus exactly once, and nothing else', () => {
    expect(new Set(Object.keys(truth.files))).toEqual(new Set(docs.keys()));
    expect(docs.size).toBeGreaterThanOrEqual(20);
    expect(docs.size).toBeLessThanOrEqual(40);
  });

  it('has at least three story lines of 2–4 events, each event told by 2–4 outlets, and six outlets', () => {
    expect(Object.keys(truth.storylines).length).toBeGreaterThanOrEqual(3);
    for (const [id, s] of Object.entries(truth.storylines)) {
      expect(s.events.length, id).toBeGreaterThanOrEqual(2);
      expect(s.events.length, id).toBeLessThanOrEqual(4);
      for (const e of s.events) expect(truth.events[e]?.storyline).toBe(id);
    }
    for (const id of Object.keys(truth.events)) {
      const outlets = new Set(entries.filter(([, v]) => v.event === id).map(([, v]) => v.outlet));
      expect(outlets.size, id).toBeGreaterThanOrEqual(2);
      expect(outlets.size, id).toBeLessThanOrEqual(4);
    }
    expect(new Set(entries.map(([, v]) => v.outlet)).size).toBeGreaterThanOrEqual(6);
    for (const kind of ['original', 'wire', 'near-copy', 'rewrite']) expect(entries.some(([, v]) => v.provenance === kind), kind).toBe(true);
  });

  it('points every copy at a document of the same event, and only copies', () => {
    for (const [file, v] of entries) {
      const copies = v.provenance === 'near-copy' || v.provenance === 'rewrite';
      expect(v.copyOf !== null, file).toBe(copies);
      if (v.copyOf !== null) expect(truth.files[v.copyOf]?.event, file).toBe(v.event);
      expect(truth.events[v.event]?.storyline, file).toBe(v.storyline);
    }
  });

  it('near-copies reuse most of their source verbatim; rewrites and originals do not', () => {
    for (const [file, v] of entries) {
      const text = docs.get(file)!;
      if (v.provenance === 'near-copy') {
        // Whole pages, chrome included (each site's chrome differs), so half is already a lot.
        expect(containment(text, docs.get(v.copyOf!)!), `${file} in ${v.copyOf}`).toBeGreaterThan(0.5);
        expect(containment(docs.get(v.copyOf!)!, text), `${v.copyOf} in ${file}`).toBeGreaterThan(0.5);
      }
      if (v.provenance === 'rewrite') {
        expect(containment(text, docs.get(v.copyOf!)!), `${file} vs ${v.copyOf}`).toBeLessThan(0.1);
      }
      if (v.provenance === 'original') {
        for (const [other, w] of entries) {
          if (other !== file && w.event === v.event) expect(containment(text, docs.get(other)!), `${file} vs ${other}`).toBeLessThan(0.1);
        }
      }
    }
  });

  it('gives wire copies and their near-copies the credited dateline, and others none', () => {
    for (const [file, v] of entries) {
      const text = docs.get(file)!;
      if (v.dateline === null) continue;
      expect(text, file).toContain(v.dateline.agency);
      expect(text.toUpperCase(), file).toContain(v.dateline.place.toUpperCase());
    }
    for (const [file, v] of entries) {
      if (v.provenance === 'wire' || v.provenance === 'near-copy') expect(v.dateline, file).not.toBeNull();
    }
  });

  it('lists chrome that is really on the page, speakers who are really quoted, and no quotes in rewrites', () => {
    for (const [file, v] of entries) {
      const text = docs.get(file)!;
      for (const c of v.chrome) expect(text, file).toContain(c);
      for (const name of v.directQuoteSpeakers) expect(text, file).toContain(name.split(' ').at(-1));
      expect(v.hasDirectQuotes || v.directQuoteSpeakers.length === 0, file).toBe(true);
      if (!v.hasDirectQuotes) expect(/["“”]/.test(text), file).toBe(false);
      if (v.stances.includes('refusal')) expect(text, file).toMatch(/declined|would not (?:comment|address)|did not wish to comment/);
      if (v.stances.includes('denial')) expect(text, file).toMatch(/correspond to reality|untrue|brushed aside/);
    }
  });
});
