/**
 * The extractor's caches (class rewrites, class/id verdicts) are keyed by attribute values cut from the page. Kept
 * as V8 slices, each would keep its whole page alive: an analysis thread held ~80 MiB of pages through them after
 * 4,000 benchmark inputs (bench/ingest/heap-probe.ts). Measured in a child process with --expose-gc.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const extractor = path.resolve(import.meta.dirname, '../../src/extract/html/html-extractor.ts');

describe('extraction caches do not keep pages alive', () => {
  it('leaves a few MiB, not the pages, after 120 pages of ~1 MB with their own class and id values', () => {
    const script = `
      const { extractHtml } = await import(${JSON.stringify(extractor)});
      const filler = '<p>' + 'Plain words of a long article paragraph that says little. '.repeat(40) + '</p>';
      for (let i = 0; i < 120; i++) {
        // A class value not in normal token-list form (a repeat, double spaces) is rewritten and cached; the
        // class/id pair gets a boilerplate verdict, cached too. Both values are unique to the page.
        const page = '<html><head><title>Page ' + i + '</title></head><body>' +
          '<div class="story-body-' + i + '  story-body-' + i + '  wide" id="main-column-' + i + '">' + filler.repeat(420) + '</div>' +
          '<div class="related-links-sidebar-' + i + '" id="aside-rail-number-' + i + '"><a href="/x">More</a></div></body></html>';
        extractHtml(page, { source: 'p' + i + '.html' });
      }
      globalThis.gc(); globalThis.gc();
      process.stdout.write(String(process.memoryUsage().heapUsed / 2 ** 20));
    `;
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    // 120 pages of ~1 MB are ~120 MiB (one byte a character); the extractor's own code and tables are well under 60.
    expect(Number(out)).toBeLessThan(60);
  }, 120_000);
});
