import os from 'node:os';

/** `--name value` options of a benchmark script, with defaults. */
export function benchOptions(argv: readonly string[] = process.argv.slice(2)): (name: string, def: string) => string {
  return (name, def) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? (argv[i + 1] ?? def) : def;
  };
}

/**
 * The command line a benchmark was run with, as written in its doc: `nice` in front only when this process runs at a
 * lower priority (so the doc says how the numbers were taken), then `npx tsx <script> <args…>`.
 */
export function benchCommand(script: string, args: readonly string[] = process.argv.slice(2)): string {
  const quoted = args.map((a) => (/[\s`'"]/.test(a) ? `"${a}"` : a));
  return [os.getPriority() > 0 ? 'nice' : '', 'npx tsx', script, ...quoted].filter((x) => x !== '').join(' ');
}
