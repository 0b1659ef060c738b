#!/usr/bin/env node
/**
 * The `storyline` command. Commands live in ./commands, one module per
 * group; this file only assembles them and maps failures to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { register as registerAnalyze } from './commands/analyze-command.js';
import { register as registerBrowse } from './commands/browse-commands.js';
import { register as registerIngest, registerSettle } from './commands/ingest-command.js';
import { register as registerServe } from './commands/serve-commands.js';
import { register as registerLive } from './commands/live-commands.js';
import { register as registerExport } from './commands/export-command.js';
import { EXIT_FATAL, UsageError } from './context.js';

export function buildProgram(): Command {
  const program = new Command('storyline')
    .description('News intelligence: ingest news, find the stories, who said what, and who copied whom.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Quick start:
  storyline demo                      ingest the demo corpus and open the web UI
  storyline ingest ./pages            add files and folders to the store
  storyline stories                   the events, newest first
  storyline story <event-id> --why    one event: timeline, outlets, who said what
  storyline quotes --speaker NAME     what someone said, across outlets
  storyline analyze page.html --json  analyse without a store (for scripts)
  storyline export articles --out a.jsonl   everything, no limit (also csv)

The store is ./storyline.db unless --db or $STORYLINE_DB says otherwise
(a postgres:// URL selects PostgreSQL). Exit codes: 0 ok, 1 some inputs
rejected, 2 usage or fatal error.`,
    );
  program.exitOverride();
  registerIngest(program);
  registerSettle(program);
  registerAnalyze(program);
  registerBrowse(program);
  registerServe(program);
  registerLive(program);
  registerExport(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  // `storyline … | head`: a closed pipe ends the command quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_FATAL;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`storyline: ${err.message}\n`);
      process.exitCode = EXIT_FATAL;
      return;
    }
    process.stderr.write(`storyline: fatal: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = EXIT_FATAL;
  }
}

await main(process.argv);
