// A pure function's results remembered by key, for the few keys a hot path meets over and over (field
// names, user agents, request paths, manager identifiers, patterns). The key must decide the result; the
// optional argument only helps compute it. Bounded by forgetting everything once `limit` keys are held:
// cheaper on the hot path than least-recently-used bookkeeping.

export function remembered<V, A = void>(limit: number, compute: (key: string, arg: A) => V): (key: string, arg: A) => V {
  const results = new Map<string, V>();
  return (key, arg) => {
    let value = results.get(key);
    if (value === undefined) {
      if (results.size >= limit) results.clear();
      value = compute(key, arg);
      results.set(key, value);
    }
    return value;
  };
}
