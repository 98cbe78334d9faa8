// What kube-apiserver checks of a Service's ports: a Service that is neither headless nor ExternalName
// has ports; with more than one, each has a name, a DNS label used once; port numbers are 1–65535 and a
// targetPort is a valid port number or IANA port name.

import type { StatusCause } from '../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { childPath, fieldErrors, indexPath } from '../../machinery/validation/field-errors.js';
import { isDns1123Label } from '../../machinery/validation/names.js';
import { portNameErrors, portNumberErrors } from '../../machinery/validation/ports.js';

function portCauses(port: Record<string, unknown>, at: string, requireName: boolean, names: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = typeof port.name === 'string' ? port.name : '';
  if (requireName && name === '') causes.push(fieldErrors.required(childPath(at, 'name')));
  else if (name !== '') {
    causes.push(...isDns1123Label(name).map((msg) => fieldErrors.invalid(childPath(at, 'name'), name, msg)));
    if (names.has(name)) causes.push(fieldErrors.duplicate(childPath(at, 'name'), name));
    else names.add(name);
  }
  if (typeof port.port === 'number') causes.push(...portNumberErrors(port.port).map((msg) => fieldErrors.invalid(childPath(at, 'port'), port.port, msg)));
  const target = port.targetPort;
  const targetErrors = typeof target === 'number' ? (target === 0 ? [] : portNumberErrors(target)) : typeof target === 'string' ? portNameErrors(target) : [];
  causes.push(...targetErrors.map((msg) => fieldErrors.invalid(childPath(at, 'targetPort'), target, msg)));
  return causes;
}

export function serviceCauses(service: KubeObject): StatusCause[] {
  const spec = isPlainObject(service.spec) ? service.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0) return headless || spec.type === 'ExternalName' ? [] : [fieldErrors.required('spec.ports')];
  const names = new Set<string>();
  return ports.flatMap((port, i) => (isPlainObject(port) ? portCauses(port, indexPath('spec.ports', i), ports.length > 1, names) : []));
}
