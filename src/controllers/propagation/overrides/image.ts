// imageOverrider: changes the registry, repository or tag of container images. Without a predicate it
// rewrites every entry of `containers` (not initContainers, as upstream) of a Pod, a pod-template workload
// (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job) or a CronJob's job template; with a predicate only
// the image at predicate.path. Registry/Repository `add` appends the value to the current component.

import type { KubeObject } from '../../../machinery/object.js';
import { isPlainObject } from '../../../machinery/object.js';
import { podSpecPath } from '../matching/pod-template.js';
import { formatImage, parseImage, tagOrDigest, withTagOrDigest, withoutTagOrDigest, type ImageReference } from './image-reference.js';
import { pointerOf, valueAt } from './pointer.js';
import { OverrideError, type ImageOverrider, type PatchOp } from './types.js';

function override(image: string, rule: ImageOverrider): string {
  let ref: ImageReference;
  try {
    ref = parseImage(image);
  } catch (err) {
    throw new OverrideError(`failed to parse image value(${image}), error: ${(err as Error).message}`);
  }
  const value = rule.value ?? '';
  switch (rule.component) {
    case 'Registry':
      if (rule.operator === 'add') ref = { ...ref, registry: ref.registry + value };
      else if (rule.operator === 'replace') ref = { ...ref, registry: value };
      else if (rule.operator === 'remove') ref = { ...ref, registry: '' };
      break;
    case 'Repository':
      if (rule.operator === 'add') ref = { ...ref, repository: ref.repository + value };
      else if (rule.operator === 'replace') ref = { ...ref, repository: value };
      else if (rule.operator === 'remove') ref = { ...ref, repository: '' };
      break;
    case 'Tag':
      if (rule.operator === 'add') ref = withTagOrDigest(ref, tagOrDigest(ref) + value);
      else if (rule.operator === 'replace') ref = withTagOrDigest(ref, value);
      else if (rule.operator === 'remove') ref = withoutTagOrDigest(ref);
      break;
    default:
      throw new OverrideError(`unsupported image component(${String(rule.component)})`);
  }
  return formatImage(ref);
}

function containerImages(object: KubeObject): { path: string; image: string }[] {
  const specPath = podSpecPath(object.kind);
  if (!specPath) return [];
  const containers = valueAt(object, pointerOf([...specPath, 'containers']));
  if (!containers.found || !Array.isArray(containers.value)) return [];
  return containers.value.map((container, index) => ({
    path: pointerOf([...specPath, 'containers', index, 'image']),
    image: isPlainObject(container) && typeof container.image === 'string' ? container.image : '',
  }));
}

export function imagePatches(object: KubeObject, rule: ImageOverrider): PatchOp[] {
  if (rule.predicate) {
    const path = rule.predicate.path;
    if (!path.startsWith('/')) throw new OverrideError('imagePath should be start with / character');
    const found = valueAt(object, path);
    if (!found.found || typeof found.value !== 'string') {
      throw new OverrideError(`failed to obtain imageValue with predicate path(${path}): no string value there`);
    }
    return [{ op: 'replace', path, value: override(found.value, rule) }];
  }
  return containerImages(object).map(({ path, image }) => ({ op: 'replace', path, value: override(image, rule) }));
}
