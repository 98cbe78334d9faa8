// Service node ports as kube-apiserver hands them out: every port of a NodePort or LoadBalancer Service
// gets one from 30000–32767 unless it names its own, which must be in that range and free. An update keeps
// the ports' allocations, and a Service turned ClusterIP gives back the ones its update did not change.

import type { StatusCause } from '../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

type Port = Record<string, unknown>;

function portsOf(service: KubeObject): Port[] {
  const spec = isPlainObject(service.spec) ? service.spec : {};
  return Array.isArray(spec.ports) ? spec.ports.filter(isPlainObject) : [];
}

export function needsNodePorts(service: KubeObject): boolean {
  const type = isPlainObject(service.spec) ? service.spec.type : undefined;
  return type === 'NodePort' || type === 'LoadBalancer';
}

/** The node ports the Services hold. */
export function nodePortsOf(services: Iterable<KubeObject>): Set<number> {
  const used = new Set<number>();
  for (const service of services) for (const port of portsOf(service)) if (typeof port.nodePort === 'number') used.add(port.nodePort);
  return used;
}

/** Gives every port without a node port a free one; `used` holds the cluster's and gains these. */
export function allocateNodePorts(service: KubeObject, used: Set<number>): void {
  const ports = portsOf(service);
  for (const port of ports) if (typeof port.nodePort === 'number') used.add(port.nodePort);
  for (const port of ports) {
    // Only a port that names none gets one: anything else written there is the schema's to judge.
    if (port.nodePort !== undefined && port.nodePort !== 0) continue;
    const free = freePort(used);
    if (free === undefined) return; // the range is full: validation says so
    port.nodePort = free;
    used.add(free);
  }
}

function freePort(used: ReadonlySet<number>): number | undefined {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const candidate = NODE_PORT_MIN + ((start + i) % size);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

function samePort(a: Port, b: Port): boolean {
  if (typeof a.name === 'string' && a.name !== '') return a.name === b.name;
  return a.port === b.port && (a.protocol ?? 'TCP') === (b.protocol ?? 'TCP');
}

/** On update: ports that name no node port keep the one they had; a Service turned ClusterIP drops the unchanged ones. */
export function carryNodePorts(service: KubeObject, old: KubeObject): void {
  const oldPorts = portsOf(old);
  const ports = portsOf(service);
  if (needsNodePorts(service)) {
    for (const port of ports) {
      if (port.nodePort !== undefined && port.nodePort !== 0) continue;
      const before = oldPorts.find((o) => samePort(port, o));
      if (typeof before?.nodePort === 'number') port.nodePort = before.nodePort;
    }
    return;
  }
  if (!needsNodePorts(old)) return;
  for (const port of ports) {
    const before = oldPorts.find((o) => samePort(port, o));
    if (before !== undefined && port.nodePort === before.nodePort) delete port.nodePort;
  }
}

/** Node ports out of range, taken by another Service, or set where the type has none. */
export function nodePortCauses(service: KubeObject, takenElsewhere: () => ReadonlySet<number>): StatusCause[] {
  const causes: StatusCause[] = [];
  let taken: ReadonlySet<number> | undefined;
  const type = isPlainObject(service.spec) && typeof service.spec.type === 'string' ? service.spec.type : 'ClusterIP';
  portsOf(service).forEach((port, i) => {
    const nodePort = port.nodePort;
    if (typeof nodePort !== 'number' || nodePort === 0) return;
    const at = `spec.ports[${i}].nodePort`;
    if (!needsNodePorts(service)) causes.push(fieldErrors.forbidden(at, `may not be used when \`type\` is '${type}'`));
    else if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
      causes.push(fieldErrors.invalid(at, nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    } else if ((taken ??= takenElsewhere()).has(nodePort)) causes.push(fieldErrors.invalid(at, nodePort, 'provided port is already allocated'));
  });
  return causes;
}
