// Summarizes a V8 CPU profile (.cpuprofile from `node --cpu-prof`): the share of samples spent in each
// function (self time) and each source file, and the share under each function (inclusive time).
//
//   node dist/bench/profile-summary.js FILE.cpuprofile [--top 30]
// The runner's --profile-hub DIR starts every hub with --cpu-prof into DIR.

import { readFileSync } from 'node:fs';
import { Command } from 'commander';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface Share {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  samples: number;
  selfByFunction: Share[];
  selfByFile: Share[];
  inclusiveByFunction: Share[];
}

function where(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/');
  return url ? `${url}:${node.callFrame.lineNumber + 1}` : '';
}

function label(node: ProfileNode): string {
  return `${node.callFrame.functionName || '(anonymous)'} ${where(node)}`.trim();
}

function top(map: Map<string, number>, total: number, n: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => ({ name, percent: Math.round((count / total) * 1000) / 10 }));
}

export function summarizeProfile(profile: Profile, n = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length || 1;
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  for (const [id, count] of hits) {
    const node = byId.get(id)!;
    selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + count);
    const file = where(node).replace(/:\d+$/, '') || `(${node.callFrame.functionName || 'native'})`;
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + count);
  }
  // Inclusive: every sample counts once for each distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, count] of hits) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + count);
    }
  }
  return { samples: profile.samples.length, selfByFunction: top(selfByFunction, total, n), selfByFile: top(selfByFile, total, n), inclusiveByFunction: top(inclusive, total, n) };
}

if (process.argv[1]?.endsWith('profile-summary.js')) {
  const program = new Command().argument('<file>').option('--top <n>', 'rows per table', (v) => Number(v), 30).parse();
  const summary = summarizeProfile(JSON.parse(readFileSync(program.args[0]!, 'utf8')) as Profile, program.opts<{ top: number }>().top);
  const print = (title: string, rows: Share[]): void => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows) process.stdout.write(`${r.percent.toFixed(1).padStart(6)}%  ${r.name}\n`);
  };
  process.stdout.write(`${summary.samples} samples\n`);
  print('self time by function', summary.selfByFunction);
  print('self time by file', summary.selfByFile);
  print('inclusive time by function', summary.inclusiveByFunction);
}
