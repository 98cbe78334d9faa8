// A container's resource requirements as kube-apiserver validates them (ValidateResourceRequirements):
// resource names (standard, hugepages-*, or a qualified extended name), quantities that are not negative
// and, for extended resources, whole; a request no larger than its limit, and equal to it for resources
// that cannot be overcommitted (which must have a limit); huge pages in whole pages and beside cpu or memory.

import type { StatusCause } from '../errors.js';
import { isPlainObject } from '../object.js';
import { canonicalQuantity } from '../quantity-canonical.js';
import { parseQuantity } from '../quantity.js';
import { childPath, fieldErrors, keyPath } from './field-errors.js';
import { isQualifiedName } from './names.js';

/** Names a container may request without a domain (besides hugepages-<size>). */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Unqualified names kube accepts anywhere a resource is named (containers and quotas). */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

const HUGE_PAGES_PREFIX = 'hugepages-';
const REQUESTS_PREFIX = 'requests.';
const QOS_RESOURCES = new Set(['cpu', 'memory']);

function isHugePages(name: string): boolean {
  return name.startsWith(HUGE_PAGES_PREFIX);
}

/** Unqualified, or in the kubernetes.io domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** A qualified name outside kubernetes.io (example.com/gpu): whole units, never overcommitted. */
function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return isQualifiedName(`${REQUESTS_PREFIX}${name}`).length === 0;
}

function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function containerResourceNameCauses(name: string, path: string): StatusCause[] {
  const causes = isQualifiedName(name).map((msg) => fieldErrors.invalid(path, name, msg));
  const unqualified = !name.includes('/');
  if (causes.length === 0 && unqualified && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith(`${REQUESTS_PREFIX}${HUGE_PAGES_PREFIX}`)) {
    causes.push(fieldErrors.invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (unqualified) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) causes.push(fieldErrors.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    causes.push(fieldErrors.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return causes;
}

interface Amount {
  value: number;
  /** As Quantity.String() prints it. */
  text: string;
}

/** The amount a list entry names; undefined when it is not a quantity (the schema reports that). */
function amountOf(raw: unknown): Amount | undefined {
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  const text = canonicalQuantity(raw);
  if (text === undefined) return undefined;
  const value = parseQuantity(text);
  return Number.isFinite(value) ? { value, text } : undefined;
}

function amountCauses(name: string, amount: Amount, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (amount.value < 0) causes.push(fieldErrors.invalid(path, amount.text, 'must be greater than or equal to 0'));
  if (isExtended(name) && !Number.isInteger(amount.value)) causes.push(fieldErrors.invalid(path, amount.text, 'must be an integer'));
  if (isHugePages(name) && !wholePages(name, amount.value)) causes.push(fieldErrors.invalid(path, amount.text, `${amount.text} is not positive integer multiple of ${name}`));
  return causes;
}

function wholePages(name: string, value: number): boolean {
  const size = amountOf(name.slice(HUGE_PAGES_PREFIX.length));
  if (!size || size.value <= 0 || !Number.isInteger(size.value)) return false;
  return Math.trunc(value) % size.value === 0;
}

function resourceList(value: unknown): [string, Amount | undefined][] {
  if (!isPlainObject(value)) return [];
  return Object.keys(value)
    .sort()
    .map((name) => [name, amountOf(value[name])]);
}

/** The causes kube-apiserver gives for one container's `resources` at `path`. */
export function validateResourceRequirements(resources: unknown, path: string): StatusCause[] {
  if (!isPlainObject(resources)) return [];
  const causes: StatusCause[] = [];
  const limitsPath = childPath(path, 'limits');
  const requestsPath = childPath(path, 'requests');
  const limits = resourceList(resources.limits);
  const limitByName = new Map(limits);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, amount] of limits) {
    const at = keyPath(limitsPath, name);
    causes.push(...containerResourceNameCauses(name, at));
    if (amount) causes.push(...amountCauses(name, amount, at));
    cpuOrMemory ||= QOS_RESOURCES.has(name);
    hugePages ||= isHugePages(name);
  }
  for (const [name, amount] of resourceList(resources.requests)) {
    const at = keyPath(requestsPath, name);
    causes.push(...containerResourceNameCauses(name, at));
    if (amount) causes.push(...amountCauses(name, amount, at));
    const limit = limitByName.get(name);
    if (limitByName.has(name)) {
      if (amount && limit && amount.value !== limit.value && !overcommitAllowed(name)) {
        causes.push(fieldErrors.invalid(requestsPath, amount.text, `must be equal to ${name} limit of ${limit.text}`));
      } else if (amount && limit && amount.value > limit.value) {
        causes.push(fieldErrors.invalid(requestsPath, amount.text, `must be less than or equal to ${name} limit of ${limit.text}`));
      }
    } else if (!overcommitAllowed(name)) {
      causes.push(fieldErrors.required(limitsPath, 'Limit must be set for non overcommitable resources'));
    }
    cpuOrMemory ||= QOS_RESOURCES.has(name);
    hugePages ||= isHugePages(name);
  }
  if (hugePages && !cpuOrMemory) causes.push(fieldErrors.forbidden(path, 'HugePages require cpu or memory'));
  return causes;
}
