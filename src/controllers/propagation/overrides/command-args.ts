// commandOverrider / argsOverrider: `add` appends the values to the named container's command (args),
// creating the list when absent; `remove` drops every entry equal to one of the values. Only `containers` are
// considered (not initContainers); a container name that matches nothing yields no patch.

import type { KubeObject } from '../../../machinery/object.js';
import { isPlainObject } from '../../../machinery/object.js';
import { podSpecPath } from '../matching/pod-template.js';
import { pointerOf, valueAt } from './pointer.js';
import { OverrideError, type CommandArgsOverrider, type PatchOp } from './types.js';

function edited(current: string[], rule: CommandArgsOverrider): string[] {
  const values = rule.value ?? [];
  if (rule.operator === 'add') return [...current, ...values];
  if (rule.operator === 'remove') return current.filter((entry) => !values.includes(entry));
  return current;
}

function patches(field: 'command' | 'args', object: KubeObject, rule: CommandArgsOverrider): PatchOp[] {
  const specPath = podSpecPath(object.kind);
  if (!specPath) return [];
  const containers = valueAt(object, pointerOf([...specPath, 'containers']));
  if (!containers.found || !Array.isArray(containers.value)) return [];
  const ops: PatchOp[] = [];
  containers.value.forEach((container, index) => {
    if (!isPlainObject(container) || container.name !== rule.containerName) return;
    const path = pointerOf([...specPath, 'containers', index, field]);
    const current = container[field];
    if (current === undefined || current === null) {
      ops.push({ op: 'add', path, value: edited([], rule) });
      return;
    }
    if (!Array.isArray(current)) throw new OverrideError(`${path} is not a list`);
    ops.push({ op: 'replace', path, value: edited(current.map(String), rule) });
  });
  return ops;
}

export const commandPatches = (object: KubeObject, rule: CommandArgsOverrider): PatchOp[] => patches('command', object, rule);

export const argsPatches = (object: KubeObject, rule: CommandArgsOverrider): PatchOp[] => patches('args', object, rule);
