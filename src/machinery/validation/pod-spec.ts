// The parts of kube-apiserver's pod spec validation users meet most: every container (and init container)
// has an image, its ports are valid numbers with valid, distinct names, and its resources are valid
// (resources.ts). The same checks apply to a Pod and to every pod template.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath } from './field-errors.js';
import { portNameErrors, portNumberErrors } from './ports.js';
import { validateResourceRequirements } from './resources.js';

function containerPortCauses(ports: unknown, path: string): StatusCause[] {
  if (!Array.isArray(ports)) return [];
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    if (!isPlainObject(port)) return;
    const at = indexPath(path, i);
    const name = port.name;
    if (typeof name === 'string' && name !== '') {
      const nameErrors = portNameErrors(name);
      if (nameErrors.length > 0) causes.push(...nameErrors.map((msg) => fieldErrors.invalid(childPath(at, 'name'), name, msg)));
      else if (names.has(name)) causes.push(fieldErrors.duplicate(childPath(at, 'name'), name));
      else names.add(name);
    }
    const containerPort = port.containerPort;
    if (containerPort === 0 || containerPort === undefined) causes.push(fieldErrors.required(childPath(at, 'containerPort')));
    else if (typeof containerPort === 'number') causes.push(...portNumberErrors(containerPort).map((msg) => fieldErrors.invalid(childPath(at, 'containerPort'), containerPort, msg)));
    const hostPort = port.hostPort;
    if (typeof hostPort === 'number' && hostPort !== 0) causes.push(...portNumberErrors(hostPort).map((msg) => fieldErrors.invalid(childPath(at, 'hostPort'), hostPort, msg)));
  });
  return causes;
}

function containerCauses(container: Record<string, unknown>, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (typeof container.image !== 'string' || container.image === '') causes.push(fieldErrors.required(childPath(path, 'image')));
  causes.push(...containerPortCauses(container.ports, childPath(path, 'ports')));
  causes.push(...validateResourceRequirements(container.resources, childPath(path, 'resources')));
  return causes;
}

/** The causes for the pod spec at `path` ('spec' for a Pod, 'spec.template.spec' for a Deployment, ...). */
export function validatePodSpec(spec: unknown, path: string): StatusCause[] {
  if (!isPlainObject(spec)) return [];
  const causes: StatusCause[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, i) => {
      if (isPlainObject(container)) causes.push(...containerCauses(container, indexPath(childPath(path, field), i)));
    });
  }
  return causes;
}
