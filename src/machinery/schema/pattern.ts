// Compiled `pattern` regexes, cached by source. Schemas are written for Go's RE2; the common RE2-only
// spellings are translated ((?i) prefix, \A, \z, \pL, (?P<name>)) and the rest is ECMAScript syntax.

import { remembered } from '../remembered.js';

export type CompiledPattern = { re: RegExp; error?: undefined } | { re?: undefined; error: string };

const MAX_CACHED = 10_000;

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

export const compilePattern = remembered(MAX_CACHED, (source): CompiledPattern => {
  const { body, flags } = translate(source);
  try {
    return { re: new RegExp(body, `${flags}u`) };
  } catch {
    try {
      return { re: new RegExp(body, flags) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }
});
