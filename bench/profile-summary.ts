// Summarizes a V8 CPU profile (.cpuprofile from `node --cpu-prof`): the share of samples spent in each
// function (self time) and each source file, and the share under each function (inclusive time).
//
//   node dist/bench/profile-summary.js FILE.cpuprofile [--top 30]
// The runner's --profile-hub DIR starts every hub with --cpu-prof into DIR.

import { Command } from 'commander';
import { frameLabel, frameLocation, nodesById, parentsById, readCpuProfile, sampleCounts, type CpuProfile } from './lib/cpu-profile.js';

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

function top(map: Map<string, number>, total: number, n: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => ({ name, percent: Math.round((count / total) * 1000) / 10 }));
}

export function summarizeProfile(profile: CpuProfile, n = 30): ProfileSummary {
  const byId = nodesById(profile);
  const hits = sampleCounts(profile);
  const total = profile.samples.length || 1;
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  for (const [id, count] of hits) {
    const node = byId.get(id)!;
    selfByFunction.set(frameLabel(node), (selfByFunction.get(frameLabel(node)) ?? 0) + count);
    const file = frameLocation(node).replace(/:\d+$/, '') || `(${node.callFrame.functionName || 'native'})`;
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + count);
  }
  // Inclusive: every sample counts once for each distinct function on its stack.
  const parent = parentsById(profile);
  const inclusive = new Map<string, number>();
  for (const [id, count] of hits) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameLabel(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + count);
    }
  }
  return { samples: profile.samples.length, selfByFunction: top(selfByFunction, total, n), selfByFile: top(selfByFile, total, n), inclusiveByFunction: top(inclusive, total, n) };
}

if (process.argv[1]?.endsWith('profile-summary.js')) {
  const program = new Command().argument('<file>').option('--top <n>', 'rows per table', (v) => Number(v), 30).parse();
  const summary = summarizeProfile(readCpuProfile(program.args[0]!), program.opts<{ top: number }>().top);
  const print = (title: string, rows: Share[]): void => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows) process.stdout.write(`${r.percent.toFixed(1).padStart(6)}%  ${r.name}\n`);
  };
  process.stdout.write(`${summary.samples} samples\n`);
  print('self time by function', summary.selfByFunction);
  print('self time by file', summary.selfByFile);
  print('inclusive time by function', summary.inclusiveByFunction);
}
