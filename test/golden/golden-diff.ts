/**
 * A readable diff between two golden digests: one line per changed scalar
 * field, and for lists the items that went missing (-) or appeared (+), so a
 * failing golden test says what moved without a wall of JSON.
 */
import type { GoldenDigest } from './demo-digest.js';

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null));

export function diffDigests(expected: GoldenDigest, actual: GoldenDigest): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])] as (keyof GoldenDigest)[];
  for (const k of keys) {
    const e = expected[k];
    const a = actual[k];
    if (JSON.stringify(e) === JSON.stringify(a)) continue;
    if (Array.isArray(e) && Array.isArray(a)) {
      const es = e.map((x) => show(x));
      const as = a.map((x) => show(x));
      const missing = es.filter((x) => !as.includes(x));
      const added = as.filter((x) => !es.includes(x));
      lines.push(`  ${k}:`);
      for (const m of missing) lines.push(`    - ${m}`);
      for (const m of added) lines.push(`    + ${m}`);
      if (missing.length === 0 && added.length === 0) lines.push(`    (same items, order changed)`);
    } else {
      lines.push(`  ${k}:`, `    - ${show(e)}`, `    + ${show(a)}`);
    }
  }
  return lines;
}
