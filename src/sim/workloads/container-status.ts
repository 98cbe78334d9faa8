// Container statuses as the kubelet reports them with containerd: normalized image names, image
// digests and container IDs (derived deterministically from the pod UID and container name here),
// volume mount statuses, and the waiting / running / terminated states.

import { createHash } from 'node:crypto';
import type { Container, ContainerState, ContainerStatus, Pod } from './types-core.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Docker reference normalization as containerd reports it ("nginx:1.25" → "docker.io/library/nginx:1.25"). */
export function normalizeImage(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = slash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !lastSegment.includes('@')) ref += ':latest';
  return ref;
}

/** The repository digest reference the runtime reports as imageID. */
export function imageIDFor(image: string): string {
  const normalized = normalizeImage(image);
  const at = normalized.indexOf('@');
  if (at >= 0) return normalized;
  const repo = normalized.slice(0, normalized.lastIndexOf(':'));
  return `${repo}@sha256:${sha256(`image:${normalized}`)}`;
}

export function containerIDFor(pod: Pod, containerName: string, restartCount: number): string {
  return `containerd://${sha256(`${pod.metadata.uid ?? pod.metadata.name}/${containerName}/${restartCount}`)}`;
}

function volumeMountStatuses(c: Container): ContainerStatus['volumeMounts'] {
  if (!c.volumeMounts?.length) return undefined;
  return c.volumeMounts.map((m) => {
    const s: NonNullable<ContainerStatus['volumeMounts']>[number] = { name: m.name, mountPath: m.mountPath };
    if (m.readOnly) {
      s.readOnly = true;
      s.recursiveReadOnly = 'Disabled';
    }
    return s;
  });
}

export interface ContainerStatusInput {
  pod: Pod;
  container: Container;
  state: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
  lastState?: ContainerState;
  /** False while the container has never been created (waiting): no imageID digest, no containerID. */
  created: boolean;
}

export function containerStatus(i: ContainerStatusInput): ContainerStatus {
  const image = i.container.image ?? '';
  const status: ContainerStatus = {
    name: i.container.name,
    state: i.state,
    lastState: i.lastState ?? {},
    ready: i.ready,
    restartCount: i.restartCount,
    image: i.created ? normalizeImage(image) : image,
    imageID: i.created ? imageIDFor(image) : '',
    started: i.started,
  };
  if (i.created) status.containerID = containerIDFor(i.pod, i.container.name, i.restartCount);
  const mounts = volumeMountStatuses(i.container);
  if (mounts) status.volumeMounts = mounts;
  return status;
}

/** Regular container statuses are listed by container name, as the kubelet sorts them. */
export function sortByName(statuses: ContainerStatus[]): ContainerStatus[] {
  return statuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
