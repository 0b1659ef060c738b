/**
 * A FeedMemory kept in one JSON file next to the store (`storyline follow`
 * survives restarts without refetching every item). Writes go to a temporary
 * file renamed over the old one, so a crash never leaves half a file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { FeedMemory, FeedValidators } from './feed-poller.js';

interface FileShape {
  seen: Record<string, string[]>;
  validators: Record<string, FeedValidators>;
}

/** Items remembered per feed; feeds list a few dozen items, so older ids can be forgotten. */
const MAX_SEEN_PER_FEED = 5000;

export async function fileFeedMemory(path: string): Promise<FeedMemory> {
  let data: FileShape = { seen: {}, validators: {} };
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<FileShape>;
    data = { seen: parsed.seen ?? {}, validators: parsed.validators ?? {} };
  } catch {
    // missing or unreadable: start empty (the store's URL dedup catches re-ingested items)
  }
  const seen = new Map(Object.entries(data.seen).map(([k, v]) => [k, new Set(v)]));
  let writing: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    writing = writing.then(async () => {
      const out: FileShape = {
        seen: Object.fromEntries([...seen].map(([k, v]) => [k, [...v].slice(-MAX_SEEN_PER_FEED)])),
        validators: data.validators,
      };
      await writeFile(`${path}.tmp`, JSON.stringify(out));
      await rename(`${path}.tmp`, path);
    });
    return writing;
  };
  return {
    hasSeen: async (feed, id) => seen.get(feed)?.has(id) ?? false,
    markSeen: async (feed, id) => {
      let s = seen.get(feed);
      if (s === undefined) seen.set(feed, (s = new Set()));
      s.add(id);
      await persist();
    },
    loadValidators: async (feed) => data.validators[feed] ?? null,
    saveValidators: async (feed, v) => {
      data.validators[feed] = v;
      await persist();
    },
  };
}
