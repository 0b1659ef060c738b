import { Command } from 'commander';
import { readInputs, DEFAULT_LIMITS, type InputItem } from '../../ingest/input-reader.js';
import { urlInputReader } from '../../fetch/url-inputs.js';
import { analyzeDocument } from '../../pipeline/analyze.js';
import type { Article } from '../../model/types.js';
import { clusterStream, type ClusterStreamInput } from '../../cluster/index.js';
import { addressOptions, addressPolicy, EXIT_OK, EXIT_SOME_REJECTED, printJsonLine, UsageError, type AddressOptions } from '../context.js';
import { readWarcInputs } from '../../warc/warc-input.js';

/** The `analyze --json` line for an analysed article (docs/analyze-contract.md). */
export function contractLine(a: Article, status: 'ok' | 'duplicate', duplicateOf: string | null): Record<string, unknown> {
  const { source, ...rest } = a;
  return {
    source,
    status,
    reason: status === 'duplicate' ? 'duplicate-content' : null,
    duplicateOf,
    ...rest,
    dateline: a.dateline ? { place: a.dateline.place, agency: a.dateline.agency, text: a.dateline.text, day: a.dateline.day, start: a.dateline.start, end: a.dateline.end } : null,
  };
}

interface InputOptions extends AddressOptions {
  verbatim?: boolean;
  url?: string;
  maxBytes: string;
}

function inputs(paths: string[], opts: InputOptions): AsyncIterable<InputItem> {
  return readInputs(paths, {
    limits: { maxDocumentBytes: Number(opts.maxBytes) },
    verbatim: opts.verbatim ?? false,
    ...(opts.url ? { url: opts.url } : {}),
    readWarc: readWarcInputs,
    fetchUrl: urlInputReader({ policy: addressPolicy(opts) }),
  });
}

function attributionsOption(v: string): 'speech' | 'all' {
  if (v !== 'speech' && v !== 'all') throw new UsageError(`--attributions must be speech or all, got "${v}"`);
  return v;
}

export function register(program: Command): void {
  addressOptions(
    program
      .command('analyze')
      .description('Analyse inputs without a store; with --json print one JSON object per input document per line')
      .argument('<paths...>', 'files, folders, .warc archives, http(s) URLs (fetched through the safe fetcher), or - for stdin'),
  )
    .option('--json', 'one JSON object per input per line (the stable contract in docs/analyze-contract.md)')
    .option('--verbatim', 'the input is already the article body: no cleaning; every offset indexes the input exactly')
    .option('--url <url>', "the page's address, when known (single input)")
    .option('--max-bytes <n>', 'largest accepted document in bytes', String(DEFAULT_LIMITS.maxDocumentBytes))
    .option('--attributions <scope>', 'speech (default: who said or believes what, as stored by ingest) or all (also generic attributions such as "a poll showed …" and questions, as PolNeAR annotates them)', attributionsOption, 'speech')
    .addHelpText(
      'after',
      `
Each line has: source, status (ok/duplicate/rejected), reason, title, outlet,
url, publishedAt, dateConfidence, dateSource, dateline, language, text,
entities, quotes, places, times (offsets are string indices into text).

Examples:
  storyline analyze page.html --json --url https://example.org/news/1
  storyline analyze ./pages --json | jq .title
  storyline analyze page.html --json --attributions all | jq '.quotes[].kind'`,
    )
    .action(async (paths: string[], opts: InputOptions & { json?: boolean; attributions: 'speech' | 'all' }) => {
      const seen = new Map<string, string>();
      let rejected = 0;
      for await (const item of inputs(paths, opts)) {
        if (!item.ok) {
          rejected++;
          printJsonLine({ source: item.source, status: 'rejected', reason: item.reason, detail: item.detail ?? null });
          continue;
        }
        let result;
        try {
          result = analyzeDocument(item.doc, { attributions: opts.attributions });
        } catch (err) {
          result = { ok: false as const, reason: 'internal-error' as const, detail: (err as Error).message };
        }
        if (!result.ok) {
          rejected++;
          printJsonLine({ source: item.doc.source, status: 'rejected', reason: result.reason, detail: result.detail ?? null });
          continue;
        }
        const a = result.value;
        const dupOf = seen.get(a.contentHash) ?? null;
        seen.set(a.contentHash, dupOf ?? a.id);
        const line = contractLine(a, dupOf ? 'duplicate' : 'ok', dupOf);
        if (opts.json) printJsonLine(line);
        else process.stdout.write(`${a.source}: ${a.title ?? '(no title)'} — ${a.outlet ?? 'unknown outlet'}, ${a.publishedAt ?? 'undated'} (${a.dateConfidence}); ${a.entities.length} entity mentions, ${a.quotes.length} quotes, ${a.places.length} places\n`);
      }
      process.exitCode = rejected > 0 ? EXIT_SOME_REJECTED : EXIT_OK;
    });

  addressOptions(
    program
      .command('cluster')
      .description('Cluster inputs into events and story lines without a store; one JSON line per input')
      .argument('<paths...>', 'files, folders, .warc archives, http(s) URLs, or - for stdin'),
  )
    .option('--json', 'one line per input: {source, id, eventId, storylineId, duplicateOf}')
    .option('--verbatim', 'inputs are already article bodies')
    .option('--max-bytes <n>', 'largest accepted document in bytes', String(DEFAULT_LIMITS.maxDocumentBytes))
    .addHelpText('after', '\nInputs stream in publication order where known (input order otherwise).')
    .action(async (paths: string[], opts: InputOptions & { json?: boolean }) => {
      const docs: ClusterStreamInput[] = [];
      let rejected = 0;
      for await (const item of inputs(paths, opts)) {
        const result = item.ok ? analyzeDocument(item.doc) : item;
        if (!result.ok) {
          rejected++;
          const source = item.ok ? item.doc.source : item.source;
          printJsonLine({ source, id: null, eventId: null, storylineId: null, duplicateOf: null, status: 'rejected', reason: result.reason });
          continue;
        }
        const a = result.value;
        docs.push({
          source: a.source,
          id: a.id,
          title: a.title,
          text: a.text,
          publishedAt: a.publishedAt,
          entities: [...new Set(a.entityTable.filter((e) => e.type !== 'LOC').map((e) => e.name))],
          places: [...new Set(a.places.map((p) => p.name))],
          outlet: a.outlet,
        });
      }
      const { lines, why } = clusterStream(docs);
      for (const l of lines) {
        if (opts.json) printJsonLine(l);
        else process.stdout.write(`${l.source}\t${l.eventId}\t${l.storylineId}\t${l.duplicateOf ?? ''}\t${why.get(l.id) ?? ''}\n`);
      }
      process.exitCode = rejected > 0 ? EXIT_SOME_REJECTED : EXIT_OK;
    });
}
