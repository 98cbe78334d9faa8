// A tiny hand-made CPU profile for the tests of the profile readers: a main function calling a (three
// samples) and b (one), its own sample, (program), (garbage collector), and four idle samples before and
// between them.

import type { CpuProfile } from './cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber });

export function tinyProfile(): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 7] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(program)') },
      { id: 4, callFrame: frame('main', 'file:///home/u/kurator/dist/src/main.js', 0), children: [5, 6] },
      { id: 5, callFrame: frame('a', 'file:///home/u/kurator/dist/src/a.js', 9) },
      // A name that needs escaping in XML and holds the folded format's separator.
      { id: 6, callFrame: frame('b<&>;c', 'node:internal/b', 4) },
      { id: 7, callFrame: frame('(garbage collector)') },
    ],
    // In time order: idle, idle, main, a, a, idle, b, idle, a, (program), (garbage collector).
    samples: [2, 2, 4, 5, 5, 2, 6, 2, 5, 3, 7],
  };
}
