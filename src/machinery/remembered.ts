// A pure function's results remembered by key, for the few keys a hot path meets over and over (field
// names, user agents, request paths, manager identifiers). The key must decide the result; further
// arguments only help compute it. Bounded by forgetting everything once `limit` keys are held: cheaper
// on the hot path than least-recently-used bookkeeping.

export function remembered<V, A extends unknown[] = []>(limit: number, compute: (key: string, ...args: A) => V): (key: string, ...args: A) => V {
  const results = new Map<string, V>();
  return (key, ...args) => {
    let value = results.get(key);
    if (value === undefined) {
      if (results.size >= limit) results.clear();
      value = compute(key, ...args);
      results.set(key, value);
    }
    return value;
  };
}
