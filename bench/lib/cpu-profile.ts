// Reading V8 CPU profiles (.cpuprofile, from `node --cpu-prof`): frame names, and which samples to count.
// A profile is a call tree of nodes plus the node each sample landed in, in time order.

import { readFileSync } from 'node:fs';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/** Frames that are not work: the thread waiting for something to do. */
const IDLE = '(idle)';

export function readCpuProfile(path: string): CpuProfile {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Partial<CpuProfile>;
  if (!Array.isArray(profile.nodes) || !Array.isArray(profile.samples)) {
    throw new Error(`${path} is not a V8 CPU profile (no nodes and samples): write one with node --cpu-prof`);
  }
  return profile as CpuProfile;
}

/** The frame's source file and line, shortened to the part after dist/ or node_modules/. */
export function frameLocation(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/');
  return url ? `${url}:${node.callFrame.lineNumber + 1}` : '';
}

export function frameLabel(node: ProfileNode): string {
  return `${node.callFrame.functionName || '(anonymous)'} ${frameLocation(node)}`.trim();
}

export function isIdle(node: ProfileNode): boolean {
  return node.callFrame.functionName === IDLE;
}

export interface SampleWindow {
  /** Leave out samples where the thread was idle. */
  busyOnly?: boolean;
  /**
   * Start at this fraction of the busy samples (0–1): 0.4 leaves out the first 40% of the thread's work,
   * which for a server is mostly its startup.
   */
  from?: number;
}

/** How many of the window's samples landed in each node. */
export function sampleCounts(profile: CpuProfile, window: SampleWindow = {}): Map<number, number> {
  const byId = nodesById(profile);
  const busy = profile.samples.filter((id) => !isIdle(byId.get(id)!));
  const skipBusy = Math.floor(busy.length * Math.min(Math.max(window.from ?? 0, 0), 1));
  const counts = new Map<number, number>();
  let skipped = 0;
  let started = skipBusy === 0;
  for (const id of profile.samples) {
    if (isIdle(byId.get(id)!)) {
      if (!started || window.busyOnly) continue;
    } else if (skipped < skipBusy) {
      skipped++;
      continue;
    } else {
      started = true;
    }
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function nodesById(profile: CpuProfile): Map<number, ProfileNode> {
  return new Map(profile.nodes.map((node) => [node.id, node]));
}

export function parentsById(profile: CpuProfile): Map<number, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return parent;
}
