/**
 * Starts the web app on 127.0.0.1 and Debian's chromium through playwright-core,
 * headless, offline-minded flags, a fresh profile. Tests skip when chromium is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { StoreReader } from '../../src/store/store-port.js';
import { serveWebApp } from '../../src/web/serve-web.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];

export interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startApp(store: StoreReader, now = new Date('2025-03-04T10:00:00Z')): Promise<RunningApp> {
  const server = await serveWebApp(store, { now: () => now, port: 0 });
  return { baseUrl: server.url, close: () => server.close() };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'storyline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    // Everything the app needs is served by itself: block the rest of the world.
    offline: false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
