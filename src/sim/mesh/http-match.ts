// Istio HTTPMatchRequest evaluation against a simulated request class. A rule's match list is OR'ed, the
// conditions inside one match are AND'ed, and an absent or empty list matches every request.

import { isPlainObject } from '../../machinery/object.js';

export interface SimulatedRequest {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly uri: string;
  readonly method: string;
}

export interface MatchContext {
  /** The Service port the requests go to. */
  readonly port?: number;
  readonly sourceLabels: Readonly<Record<string, string>>;
  readonly sourceNamespace: string;
}

/** Called for conditions that cannot be evaluated; the condition then does not match. */
export type MatchProblem = (reason: 'InvalidMatch' | 'UnsupportedMatch', message: string) => void;

const HANDLED = new Set(['name', 'headers', 'withoutHeaders', 'uri', 'method', 'scheme', 'ignoreUriCase', 'port', 'sourceLabels', 'sourceNamespace', 'gateways', 'queryParams', 'statPrefix']);

export function anyMatch(matches: unknown, request: SimulatedRequest, ctx: MatchContext, problem: MatchProblem): boolean {
  if (matches === undefined || matches === null) return true;
  if (!Array.isArray(matches)) {
    problem('InvalidMatch', 'match must be a list');
    return false;
  }
  if (matches.length === 0) return true;
  return matches.some((m, i) => matchOne(m, i, request, ctx, problem));
}

function matchOne(match: unknown, index: number, request: SimulatedRequest, ctx: MatchContext, problem: MatchProblem): boolean {
  if (!isPlainObject(match)) {
    problem('InvalidMatch', `match[${index}] must be an object`);
    return false;
  }
  for (const key of Object.keys(match)) {
    if (!HANDLED.has(key)) {
      problem('UnsupportedMatch', `match[${index}].${key} is not simulated; this match never applies`);
      return false;
    }
  }
  const where = `match[${index}]`;
  if (match.headers !== undefined && !headersMatch(match.headers, request, `${where}.headers`, problem, true)) return false;
  if (match.withoutHeaders !== undefined && !headersMatch(match.withoutHeaders, request, `${where}.withoutHeaders`, problem, false)) return false;
  const ignoreCase = match.ignoreUriCase === true;
  if (match.uri !== undefined && !stringMatches(match.uri, request.uri, `${where}.uri`, problem, ignoreCase)) return false;
  if (match.method !== undefined && !stringMatches(match.method, request.method, `${where}.method`, problem, false)) return false;
  if (match.scheme !== undefined && !stringMatches(match.scheme, 'http', `${where}.scheme`, problem, false)) return false;
  // Simulated requests carry no query string.
  if (isPlainObject(match.queryParams) && Object.keys(match.queryParams).length > 0) return false;
  if (match.port !== undefined && match.port !== ctx.port) return false;
  if (match.sourceNamespace !== undefined && match.sourceNamespace !== ctx.sourceNamespace) return false;
  if (match.sourceLabels !== undefined) {
    if (!isPlainObject(match.sourceLabels)) return invalid(problem, `${where}.sourceLabels must be a map`);
    for (const [k, v] of Object.entries(match.sourceLabels)) if (ctx.sourceLabels[k] !== v) return false;
  }
  if (match.gateways !== undefined) {
    if (!Array.isArray(match.gateways)) return invalid(problem, `${where}.gateways must be a list`);
    if (match.gateways.length > 0 && !match.gateways.includes('mesh')) return false;
  }
  return true;
}

function invalid(problem: MatchProblem, message: string): false {
  problem('InvalidMatch', message);
  return false;
}

/** headers: every named header matches; withoutHeaders (want = false): none of them does. */
function headersMatch(spec: unknown, request: SimulatedRequest, where: string, problem: MatchProblem, want: boolean): boolean {
  if (!isPlainObject(spec)) return invalid(problem, `${where} must be a map of header name to string match`);
  for (const [name, condition] of Object.entries(spec)) {
    const value = request.headers[name.toLowerCase()];
    let matched: boolean;
    if (isPlainObject(condition) && Object.keys(condition).length === 0) matched = value !== undefined;
    else matched = value !== undefined && stringMatches(condition, value, `${where}.${name}`, problem, false);
    if (matched !== want) return false;
  }
  return true;
}

const regexCache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (regexCache.size > 1024) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

/** Istio StringMatch: exactly one of exact, prefix, regex (full match, RE2 syntax). */
export function stringMatches(condition: unknown, value: string, where: string, problem: MatchProblem, ignoreCase: boolean): boolean {
  if (!isPlainObject(condition)) return invalid(problem, `${where} must be a string match ({exact|prefix|regex: ...})`);
  const { exact, prefix, regex } = condition;
  const subject = ignoreCase ? value.toLowerCase() : value;
  if (typeof exact === 'string') return subject === (ignoreCase ? exact.toLowerCase() : exact);
  if (typeof prefix === 'string') return subject.startsWith(ignoreCase ? prefix.toLowerCase() : prefix);
  if (typeof regex === 'string') {
    const re = compile(regex);
    if (!re) return invalid(problem, `${where}.regex ${JSON.stringify(regex)} is not a valid regular expression`);
    return re.test(value); // ignoreUriCase applies to exact and prefix only, as in Istio
  }
  return invalid(problem, `${where} must set one of exact, prefix or regex`);
}
