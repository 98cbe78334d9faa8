// Compiled `pattern` regexes, cached by source. Schemas are written for Go's RE2; the common RE2-only
// spellings are translated ((?i) prefix, \A, \z, \pL, (?P<name>)) and the rest is ECMAScript syntax.

export type CompiledPattern = { re: RegExp; error?: undefined } | { re?: undefined; error: string };

const MAX_CACHED = 10_000;
const cache = new Map<string, CompiledPattern>();

function translate(source: string): { body: string; flags: string } {
  let body = source;
  let flags = '';
  const inline = /^\(\?([imsU]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1] as string) if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f;
  }
  body = body
    .replace(/\(\?P</g, '(?<')
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^')
    .replace(/(^|[^\\])((?:\\\\)*)\\z/g, '$1$2$$')
    .replace(/(^|[^\\])((?:\\\\)*)\\([pP])([A-Za-z])/g, '$1$2\\$3{$4}');
  return { body, flags };
}

export function compilePattern(source: string): CompiledPattern {
  const hit = cache.get(source);
  if (hit) return hit;
  const { body, flags } = translate(source);
  let compiled: CompiledPattern;
  try {
    compiled = { re: new RegExp(body, `${flags}u`) };
  } catch {
    try {
      compiled = { re: new RegExp(body, flags) };
    } catch (err) {
      compiled = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(source, compiled);
  return compiled;
}
