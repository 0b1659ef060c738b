/** `--name value` options of a benchmark script, with defaults. */
export function benchOptions(argv: readonly string[] = process.argv.slice(2)): (name: string, def: string) => string {
  return (name, def) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? (argv[i + 1] ?? def) : def;
  };
}
