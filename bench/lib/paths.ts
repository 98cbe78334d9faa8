// Where the compiled benchmark files and the kurator entry point are, found from this compiled file
// (dist/bench/lib/paths.js).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** dist/bench */
export const benchDist = join(here, '..');
/** The project root (beside dist/). */
export const projectRoot = join(here, '..', '..', '..');
export const kuratorBin = join(projectRoot, 'bin', 'kurator.js');
