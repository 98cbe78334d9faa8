// The parts of kube-apiserver's pod spec validation users meet most: a pod has containers; every
// container (and init container) has a DNS-label name and an image, environment variable names of
// printable ASCII without '=' (v1.32's relaxed rule), volume mounts of volumes the pod declares, ports
// that are valid numbers with valid, distinct names, and valid resources (resources.ts). The same checks
// apply to a Pod and to every pod template.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { childPath, fieldErrors, indexPath } from './field-errors.js';
import { isDns1123Label } from './names.js';
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

const ENV_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function envCauses(env: unknown, path: string): StatusCause[] {
  if (!Array.isArray(env)) return [];
  return env.flatMap((variable, i) => {
    const name = isPlainObject(variable) ? variable.name : undefined;
    if (typeof name !== 'string') return [];
    const at = childPath(indexPath(path, i), 'name');
    if (name === '') return [fieldErrors.required(at)];
    return /^[\x20-\x3c\x3e-\x7e]+$/.test(name) ? [] : [fieldErrors.invalid(at, name, ENV_NAME_MESSAGE)];
  });
}

function volumeMountCauses(mounts: unknown, volumes: ReadonlySet<string>, path: string): StatusCause[] {
  if (!Array.isArray(mounts)) return [];
  return mounts.flatMap((mount, i) => {
    const name = isPlainObject(mount) ? mount.name : undefined;
    return typeof name === 'string' && name !== '' && !volumes.has(name) ? [fieldErrors.notFound(childPath(indexPath(path, i), 'name'), name)] : [];
  });
}

function containerCauses(container: Record<string, unknown>, volumes: ReadonlySet<string>, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = container.name;
  if (typeof name === 'string' && name !== '') causes.push(...isDns1123Label(name).map((msg) => fieldErrors.invalid(childPath(path, 'name'), name, msg)));
  if (typeof container.image !== 'string' || container.image === '') causes.push(fieldErrors.required(childPath(path, 'image')));
  causes.push(...envCauses(container.env, childPath(path, 'env')));
  causes.push(...volumeMountCauses(container.volumeMounts, volumes, childPath(path, 'volumeMounts')));
  causes.push(...containerPortCauses(container.ports, childPath(path, 'ports')));
  causes.push(...validateResourceRequirements(container.resources, childPath(path, 'resources')));
  return causes;
}

/** The causes for the pod spec at `path` ('spec' for a Pod, 'spec.template.spec' for a Deployment, ...). */
export function validatePodSpec(spec: unknown, path: string): StatusCause[] {
  if (!isPlainObject(spec)) return [];
  const causes: StatusCause[] = [];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) causes.push(fieldErrors.required(childPath(path, 'containers')));
  const volumes = new Set<string>();
  if (Array.isArray(spec.volumes)) for (const volume of spec.volumes) if (isPlainObject(volume) && typeof volume.name === 'string') volumes.add(volume.name);
  for (const field of ['containers', 'initContainers'] as const) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, i) => {
      if (isPlainObject(container)) causes.push(...containerCauses(container, volumes, indexPath(childPath(path, field), i)));
    });
  }
  return causes;
}
