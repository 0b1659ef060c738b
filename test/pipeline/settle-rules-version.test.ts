/**
 * SETTLE_RULES_VERSION guards what a settle in another process trusts: the events the last replay wrote are left as
 * they are only when that replay ran with the same version. So any change to what a replay decides or writes must
 * bump it. This test replays a frozen set of articles (test/pipeline/settle-rules-articles.json: the demo corpus as
 * analysed once, trimmed to what the settle reads; frozen so that analysis changes do not move it) through
 * publicationOrderChange and compares a digest of the change with the one recorded for the current version.
 *
 * When it fails because you changed clustering, event or story-line rows, provenance or membership reasons on
 * purpose: bump SETTLE_RULES_VERSION (src/pipeline/settle-replay.ts) and ADD the new version's digest below (keep
 * the old lines). When it fails and the stored decisions did not change on purpose, a change meant to keep them
 * did not. Decisions that this small corpus does not exercise can change unseen: the digest is a tripwire, not a proof.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/types.js';
import { ProvenanceMemo } from '../../src/provenance/provenance-graph.js';
import { clusterDocOf } from '../../src/pipeline/event-records.js';
import { publicationOrderChange, SETTLE_RULES_VERSION } from '../../src/pipeline/settle-replay.js';
import type { ClusterLogEntry, Store } from '../../src/store/store-port.js';

/** The digest of the settle's change on the frozen articles, per settle-rules version (append; never edit a line). */
const RECORDED: Readonly<Record<string, string>> = {
  '1': '8ee39a3c9f32fe4c',
};

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTICLES = JSON.parse(readFileSync(path.join(here, 'settle-rules-articles.json'), 'utf8')) as Article[];

/** The settle's change for the frozen articles, each stored in an event of its own (so every event is rebuilt). */
async function settleDigest(provenanceWindow = 40): Promise<{ digest: string; largestEvent: number }> {
  const storedEvent = (i: number) => `ev-stored-${String(i).padStart(2, '0')}`;
  const entries: ClusterLogEntry[] = ARTICLES.map((a, i) => ({ seq: i + 1, doc: clusterDocOf(a), eventId: storedEvent(i), storylineId: `sl-stored-${i}` }));
  const byEvent = new Map(ARTICLES.map((a, i) => [storedEvent(i), a]));
  // The one read the settle makes of the store: the stored events' articles.
  const store = { eventArticles: async (ids: string[]) => ids.flatMap((id) => byEvent.get(id) ?? []) } as unknown as Store;
  const r = await publicationOrderChange(store, entries, entries.length, new ProvenanceMemo(), provenanceWindow, '2026-11-24T00:00:00Z');
  // The decisions only: not the clusterer's snapshot (its form may change alone), the clock, or the rules label.
  const { checkpoint: _snapshot, at: _at, replayed: _rules, ...decided } = r.change;
  const text = JSON.stringify({ ...decided, moved: r.moved, eventsChanged: r.eventsChanged, eventsRetired: r.eventsRetired });
  const sizes = new Map<string, number>();
  for (const m of r.change.moves) sizes.set(m.eventId, (sizes.get(m.eventId) ?? 0) + 1);
  return { digest: createHash('sha256').update(text).digest('hex').slice(0, 16), largestEvent: Math.max(...sizes.values()) };
}

describe('the settle rules version', () => {
  it('is the one whose recorded decisions the settle makes on the frozen articles', async () => {
    const { digest } = await settleDigest();
    // On failure: see the top of this file (bump SETTLE_RULES_VERSION and record the new digest, or find what changed).
    expect({ version: SETTLE_RULES_VERSION, digest }).toEqual({ version: SETTLE_RULES_VERSION, digest: RECORDED[SETTLE_RULES_VERSION] });
  });

  it('records a different digest for each version, and the digest moves when a decision does', async () => {
    expect(new Set(Object.values(RECORDED)).size).toBe(Object.keys(RECORDED).length);
    const { digest, largestEvent } = await settleDigest();
    // A provenance pool of 2 (window 0.5: the settle reads four windows) cuts the largest event's: its provenance
    // changes, and so must the digest.
    expect(largestEvent).toBeGreaterThan(2);
    expect((await settleDigest(0.5)).digest).not.toBe(digest);
  });
});
