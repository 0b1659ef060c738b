/** `storyline export`: every stored record of one kind, as JSON lines or CSV, to stdout or a file. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Command } from 'commander';
import { serialise, type ExportFormat } from '../../export/export-format.js';
import { EXPORT_TARGETS, exportRecords, isExportTarget } from '../../export/export-records.js';
import { dbOption, UsageError, withStore } from '../context.js';

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export function register(program: Command): void {
  dbOption(
    program
      .command('export')
      .description('Export every stored record of one kind (no limit), as JSON lines or CSV')
      .argument('<kind>', EXPORT_TARGETS.join(' | '))
      .option('--format <format>', 'jsonl (every field) | csv (fixed columns, lists joined with "; ")', 'jsonl')
      .option('--out <file>', 'write to a file instead of stdout')
      .option('--with-raw', 'articles: include the raw input as stored (HTML or text)')
      .option('--quiet', 'no progress on stderr')
      .addHelpText(
        'after',
        `
Records come in id order (rejections newest first), one store page at a time,
so an export of millions of articles runs in constant memory. JSON lines hold
every field of the record (articles: text, entities, quotes, places, times,
event and provenance; events: members, history, provenance edges). In CSV,
text cells that would start a spreadsheet formula (= + - @) get a leading '.

Examples:
  storyline export articles --out articles.jsonl
  storyline export statements --format csv --out statements.csv
  storyline export provenance --format csv | head`,
      ),
  ).action(async (kind: string, opts: { db?: string; format: string; out?: string; withRaw?: boolean; quiet?: boolean }) => {
    if (!isExportTarget(kind)) throw new UsageError(`unknown export kind "${kind}" (one of: ${EXPORT_TARGETS.join(', ')})`);
    if (opts.format !== 'jsonl' && opts.format !== 'csv') throw new UsageError('--format must be jsonl or csv');
    if (opts.withRaw && kind !== 'articles') throw new UsageError('--with-raw applies to articles only');
    await withStore(opts.db, async (store) => {
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      if (opts.out) await once(out, 'open').catch((err: Error) => {
        throw new UsageError(`cannot write ${opts.out}: ${err.message}`);
      });
      const progress = !opts.quiet && (opts.out !== undefined || process.stderr.isTTY === true);
      let n = 0;
      for await (const chunk of serialise(exportRecords(store, kind, { withRaw: opts.withRaw === true }), kind, opts.format as ExportFormat)) {
        await write(out, chunk);
        n++;
        if (progress && n % 1000 === 0) process.stderr.write(`\rexported ${n} lines`);
      }
      if (opts.out) {
        out.end();
        await once(out, 'finish');
      }
      const records = opts.format === 'csv' ? n - 1 : n;
      if (!opts.quiet) process.stderr.write(`${progress ? '\r' : ''}exported ${records} ${kind}${opts.out ? ` to ${opts.out}` : ''}\n`);
    });
  });
}
