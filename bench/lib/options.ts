// `--name value` options of the standalone benchmark scripts (field-tracking, request-path, scheduling, sim-scale, watch-delivery, write-pipeline).

/** The value after `--name` on the command line, else `fallback`. */
export function optionValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
