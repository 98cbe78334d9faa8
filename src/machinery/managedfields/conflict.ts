// The 409 an apply gets when it would change fields other managers own. Message and causes are
// upstream's (managedfields/internal/conflict.go), which kubectl recognises to print its
// --force-conflicts advice.

import { ApiError, type StatusCause } from '../errors.js';
import { describeManager, parseIdentifier } from './managers.js';
import { formatFieldPath } from './path-element.js';
import type { Conflict } from './updater.js';

export class ApplyConflictError extends ApiError {
  readonly conflicts: { manager: string; field: string }[];

  constructor(conflicts: readonly Conflict[]) {
    const causes: StatusCause[] = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${describeManager(c.manager)}`,
      field: formatFieldPath(c.path),
    }));
    super(409, 'Conflict', conflictMessage(conflicts), { causes });
    this.name = 'ApplyConflictError';
    this.conflicts = conflicts.map((c) => ({ manager: parseIdentifier(c.manager).manager, field: formatFieldPath(c.path) }));
  }
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${describeManager(c.manager)}: ${formatFieldPath(c.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const paths = byManager.get(c.manager) ?? [];
    paths.push(formatFieldPath(c.path));
    byManager.set(c.manager, paths);
  }
  const lines: string[] = [];
  for (const id of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${describeManager(id)}:`);
    for (const p of byManager.get(id)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
