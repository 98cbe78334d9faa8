// The benchmark's output: one JSON document per run with the machine, and per scenario its figures,
// its comparisons (ours vs a reference measured in the same run, or vs a fixed limit) and notes that
// say how it was measured. Unmeasured figures are null.

import type { Comparison } from './compare.js';
import type { Machine } from './machine.js';
import { round } from './stats.js';

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
}

export interface ScenarioResult {
  name: string;
  what: string;
  figures: Figure[];
  comparisons: Comparison[];
  notes: string[];
  /** Set when the scenario failed before it finished; its figures are what it measured until then. */
  error?: string;
}

export type RunSize = 'full' | 'quick' | 'smoke';

export interface BenchReport {
  machine: Machine;
  startedAt: string;
  quick: boolean;
  size: RunSize;
  scenarios: ScenarioResult[];
}

/** Collects one scenario's figures, comparisons and notes as it runs. */
export class ScenarioReport {
  readonly figures: Figure[] = [];
  readonly comparisons: Comparison[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly name: string,
    readonly what: string,
  ) {}

  figure(name: string, value: number, unit: string, decimals = 2): number {
    this.figures.push({ name, value: Number.isFinite(value) ? round(value, decimals) : null, unit });
    return value;
  }

  compare(comparison: Comparison): void {
    const r = (v: number | null): number | null => (v === null ? null : round(v, 3));
    this.comparisons.push({ ...comparison, ours: r(comparison.ours), reference: r(comparison.reference), ratio: r(comparison.ratio) });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  result(error?: string): ScenarioResult {
    return { name: this.name, what: this.what, figures: this.figures, comparisons: this.comparisons, notes: this.notes, ...(error ? { error } : {}) };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));

/** What is wrong with a parsed report document (empty when it has the documented shape). */
export function reportProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(doc)) return ['the document is not an object'];
  const machine = doc.machine;
  if (!isRecord(machine) || typeof machine.cores !== 'number' || typeof machine.memoryGiB !== 'number' || typeof machine.cpuModel !== 'string' || typeof machine.node !== 'string') {
    problems.push('machine must have cores, memoryGiB, cpuModel and node');
  }
  if (typeof doc.startedAt !== 'string' || Number.isNaN(Date.parse(doc.startedAt))) problems.push('startedAt must be an ISO date');
  if (typeof doc.quick !== 'boolean') problems.push('quick must be a boolean');
  if (!Array.isArray(doc.scenarios)) return [...problems, 'scenarios must be a list'];
  for (const [i, s] of doc.scenarios.entries()) {
    const where = isRecord(s) && typeof s.name === 'string' ? s.name : `scenarios[${i}]`;
    if (!isRecord(s)) {
      problems.push(`${where} is not an object`);
      continue;
    }
    if (typeof s.what !== 'string') problems.push(`${where}.what must be a string`);
    if (!Array.isArray(s.notes) || !s.notes.every((n) => typeof n === 'string')) problems.push(`${where}.notes must be strings`);
    if (!Array.isArray(s.figures)) problems.push(`${where}.figures must be a list`);
    else
      for (const f of s.figures) {
        if (!isRecord(f) || typeof f.name !== 'string' || typeof f.unit !== 'string' || !isNumberOrNull(f.value)) problems.push(`${where}: figure ${JSON.stringify(f)} must be {name, value, unit}`);
      }
    if (!Array.isArray(s.comparisons)) problems.push(`${where}.comparisons must be a list`);
    else
      for (const c of s.comparisons) {
        if (!isRecord(c) || typeof c.name !== 'string' || typeof c.target !== 'string' || typeof c.met !== 'boolean' || !isNumberOrNull(c.ours) || !isNumberOrNull(c.reference) || !isNumberOrNull(c.ratio)) {
          problems.push(`${where}: comparison ${JSON.stringify(c)} must be {name, ours, reference, ratio, target, met}`);
        }
      }
  }
  return problems;
}
