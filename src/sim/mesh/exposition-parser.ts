// A strict reader of the Prometheus text exposition format, for tests: it rejects what Prometheus would
// reject (bad names, bad escapes, bad values, duplicate series, a family split into pieces or declared
// twice, TYPE after samples) and returns the samples by family.

import { setOwnProperty } from '../../machinery/object.js';

export interface ParsedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface ParsedFamily {
  readonly name: string;
  type: string;
  help?: string;
  readonly samples: ParsedSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parseExposition(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const finished = new Set<string>();
  const seenSeries = new Set<string>();
  let current: ParsedFamily | undefined;
  const lines = text.split('\n');
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a line feed');

  const enter = (name: string, line: number): ParsedFamily => {
    if (current?.name === name) return current;
    if (current) finished.add(current.name);
    if (finished.has(name)) throw new Error(`line ${line}: family ${name} appears again after other families`);
    let family = families.get(name);
    if (!family) {
      family = { name, type: 'untyped', samples: [] };
      families.set(name, family);
    }
    current = family;
    return family;
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(raw);
      if (!m) return; // plain comment
      const [, keyword, name, rest = ''] = m;
      if (!METRIC_NAME.test(name!)) throw new Error(`line ${line}: bad metric name ${name}`);
      const family = enter(name!, line);
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new Error(`line ${line}: second HELP for ${name}`);
        family.help = unescapeHelp(rest, line);
      } else {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type ${rest}`);
        if (family.samples.length > 0 || family.type !== 'untyped') throw new Error(`line ${line}: TYPE for ${name} must come once, before its samples`);
        family.type = rest;
      }
      return;
    }
    const sample = parseSample(raw, line);
    const family = enter(familyOf(sample.name, current), line);
    const key = `${sample.name}{${Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
    if (seenSeries.has(key)) throw new Error(`line ${line}: duplicate series ${key}`);
    seenSeries.add(key);
    family.samples.push(sample);
  });
  return families;
}

function familyOf(name: string, current: ParsedFamily | undefined): string {
  if (current && (current.type === 'histogram' || current.type === 'summary')) {
    for (const suffix of ['_bucket', '_sum', '_count']) if (name === current.name + suffix) return current.name;
  }
  return name;
}

function parseSample(raw: string, line: number): ParsedSample {
  let pos = 0;
  while (pos < raw.length && /[a-zA-Z0-9_:]/.test(raw[pos]!)) pos++;
  const name = raw.slice(0, pos);
  if (!METRIC_NAME.test(name)) throw new Error(`line ${line}: bad metric name in ${JSON.stringify(raw)}`);
  const labels: Record<string, string> = {};
  if (raw[pos] === '{') {
    pos++;
    while (raw[pos] !== '}') {
      const eq = raw.indexOf('=', pos);
      if (eq < 0) throw new Error(`line ${line}: unterminated label set`);
      const labelName = raw.slice(pos, eq);
      if (!LABEL_NAME.test(labelName)) throw new Error(`line ${line}: bad label name ${JSON.stringify(labelName)}`);
      if (Object.hasOwn(labels, labelName)) throw new Error(`line ${line}: label ${labelName} appears twice`);
      if (raw[eq + 1] !== '"') throw new Error(`line ${line}: label value of ${labelName} must be quoted`);
      let value = '';
      let j = eq + 2;
      for (;;) {
        const ch = raw[j];
        if (ch === undefined) throw new Error(`line ${line}: unterminated label value`);
        if (ch === '"') break;
        if (ch === '\\') {
          const next = raw[j + 1];
          if (next === '\\') value += '\\';
          else if (next === '"') value += '"';
          else if (next === 'n') value += '\n';
          else throw new Error(`line ${line}: bad escape \\${next ?? ''} in label ${labelName}`);
          j += 2;
        } else {
          value += ch;
          j++;
        }
      }
      setOwnProperty(labels, labelName, value);
      pos = j + 1;
      if (raw[pos] === ',') pos++;
      else if (raw[pos] !== '}') throw new Error(`line ${line}: expected , or } after label ${labelName}`);
    }
    pos++;
  }
  if (raw[pos] !== ' ') throw new Error(`line ${line}: expected a space before the value`);
  const parts = raw.slice(pos + 1).split(' ');
  if (parts.length > 2 || parts[0] === '') throw new Error(`line ${line}: expected a value and an optional timestamp`);
  return { name, labels, value: parseValue(parts[0]!, line) };
}

function parseValue(text: string, line: number): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) throw new Error(`line ${line}: bad value ${text}`);
  return Number(text);
}

function unescapeHelp(text: string, line: number): string {
  return text.replace(/\\(.?)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    throw new Error(`line ${line}: bad escape in HELP`);
  });
}
