// For tests: the YAML documents of ../shared/corpus beside the project (absent on a fresh clone, where the
// tests that need them skip).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../machinery/object.js';

export const NO_CORPUS = 'no ../shared/corpus beside the project';

function projectRoot(): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The corpus directory, or undefined when it is not beside the project. */
export function corpusDir(): string | undefined {
  const root = projectRoot();
  const dir = root ? resolve(root, '..', 'shared', 'corpus') : undefined;
  return dir && existsSync(dir) ? dir : undefined;
}

/** Skip reason for `test(name, { skip }, ...)`: false when the corpus is present. */
export const corpusSkip = (): string | false => (corpusDir() ? false : NO_CORPUS);

/** The documents of one corpus file (e.g. 'seeds/01-gateway-propagation.yaml'); throws when absent. */
export function corpusDocuments(relative: string): KubeObject[] {
  const dir = corpusDir();
  if (!dir) throw new Error(NO_CORPUS);
  return parseAllDocuments(readFileSync(join(dir, relative), 'utf8'))
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((doc): doc is KubeObject => doc !== null);
}

/** The one document of `relative` with this kind (and name, when given). */
export function corpusDocument(relative: string, kind: string, name?: string): KubeObject {
  const found = corpusDocuments(relative).find((d) => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!found) throw new Error(`${relative} has no ${kind}${name ? ` ${name}` : ''}`);
  return found;
}
