// Locates ../shared/corpus beside the project (present in CI, absent on a user's fresh clone).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const CORPUS_DIR = resolve(projectRoot(), '..', 'shared', 'corpus');

/** Absolute path of a corpus file, or undefined when the corpus is absent. */
export function corpusPath(relative: string): string | undefined {
  return existsSync(CORPUS_DIR) ? join(CORPUS_DIR, relative) : undefined;
}
