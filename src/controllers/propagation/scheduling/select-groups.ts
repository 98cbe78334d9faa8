// Choosing topology groups (regions, zones, providers, label values) for spread constraints: among the
// combinations of between minGroups and maxGroups groups that together hold at least `targetClusters`
// clusters, take the one with the highest total score, then the most clusters, then the one found first;
// when the winner has a shorter variant that is also feasible (a prefix of it), the shorter one wins.

export interface TopologyGroup {
  name: string;
  /** How many candidate clusters the group holds. */
  clusters: number;
  /** The best score among its clusters. */
  score: number;
}

interface Path {
  id: number;
  groups: TopologyGroup[];
  score: number;
  clusters: number;
}

const byScoreThenName = (a: TopologyGroup, b: TopologyGroup): number =>
  b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function feasiblePaths(groups: TopologyGroup[], minGroups: number, maxGroups: number, target: number): Path[] {
  // Smaller groups first, so the search meets the fewest clusters that reach the target early.
  const ordered = [...groups].sort(
    (a, b) => a.clusters - b.clusters || b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const paths: Path[] = [];
  const current: TopologyGroup[] = [];
  const walk = (total: number, begin: number): void => {
    if (total >= target && current.length >= minGroups && current.length <= maxGroups) {
      const chosen = [...current].sort(byScoreThenName);
      paths.push({
        id: paths.length,
        groups: chosen,
        score: chosen.reduce((s, g) => s + g.score, 0),
        clusters: chosen.reduce((s, g) => s + g.clusters, 0),
      });
      return;
    }
    if (current.length >= maxGroups) return;
    for (let i = begin; i < ordered.length; i++) {
      current.push(ordered[i]);
      walk(total + ordered[i].clusters, i + 1);
      current.pop();
    }
  };
  walk(0, 0);
  return paths;
}

function isStrictPrefix(shorter: Path, longer: Path): boolean {
  return shorter.groups.length < longer.groups.length && shorter.groups.every((g, i) => longer.groups[i].name === g.name);
}

/** The chosen groups, best first; undefined when no combination satisfies the constraints. */
export function selectGroups(
  groups: TopologyGroup[],
  minGroups: number,
  maxGroups: number,
  targetClusters: number,
): TopologyGroup[] | undefined {
  const paths = feasiblePaths(groups, minGroups, maxGroups, targetClusters);
  if (paths.length === 0) return undefined;
  paths.sort((a, b) => b.score - a.score || b.clusters - a.clusters || a.id - b.id);
  let best = paths[0];
  for (const path of paths.slice(1)) if (isStrictPrefix(path, best)) best = path;
  return best.groups;
}
