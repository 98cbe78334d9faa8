// Helpers for messages and generated names.

import { randomBytes } from 'node:crypto';
import type { KindDefinition } from '../../api/types.js';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** kube-apiserver's generateName suffix: 5 characters from a consonant/digit alphabet. */
export function generateNameSuffix(): string {
  const bytes = randomBytes(5);
  let out = '';
  for (const b of bytes) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

/** "widgets.example.com" / "configmaps" as used in Status messages. */
export function groupResource(definition: KindDefinition): string {
  return definition.group ? `${definition.plural}.${definition.group}` : definition.plural;
}
