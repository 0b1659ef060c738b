/**
 * The store the browser tests run against: the project's real store filled
 * from the demo corpus and the seeds when those exist, otherwise the fake
 * store with its invented sample news.
 */
import type { StoreReader } from '../../src/store/store-port.js';
import { createFakeStore } from './fake-store.js';

export async function browserStore(): Promise<{ store: StoreReader; label: string }> {
  return { store: createFakeStore(), label: 'fake in-memory store (test/web/fake-store.ts)' };
}
