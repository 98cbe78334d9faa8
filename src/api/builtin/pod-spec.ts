// core/v1 PodSpec and PodTemplateSpec, shared by Pods and every workload template.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import {
  boolean, enumString, int32, int64, list, mapList, object, patchMerge, quantityMap, string, stringList, stringMap,
} from './schema-builders.js';
import { localObjectReference, objectMeta } from './meta.js';
import {
  appArmorProfile, container, ephemeralContainer, resourceRequirements, seLinuxOptions, seccompProfile,
  windowsSecurityContextOptions,
} from './container.js';
import { volume } from './volume.js';
import { affinity, toleration, topologySpreadConstraint } from './scheduling.js';

const podSecurityContext = object({
  seLinuxOptions,
  windowsOptions: windowsSecurityContextOptions,
  runAsUser: int64(),
  runAsGroup: int64(),
  runAsNonRoot: boolean(),
  supplementalGroups: list(int64()),
  supplementalGroupsPolicy: enumString(['Merge', 'Strict']),
  fsGroup: int64(),
  sysctls: list(object({ name: string(), value: string() }, { required: ['name', 'value'] })),
  fsGroupChangePolicy: enumString(['Always', 'OnRootMismatch']),
  seccompProfile,
  appArmorProfile,
  seLinuxChangePolicy: string(),
});

const podDNSConfig = object({
  nameservers: stringList(),
  searches: stringList(),
  options: list(object({ name: string(), value: string() })),
});

const hostAlias = object({ ip: string(), hostnames: stringList() }, { required: ['ip'] });

const podResourceClaim = object(
  { name: string(), resourceClaimName: string(), resourceClaimTemplateName: string() },
  { required: ['name'] },
);

const namedItem = (field: string): JSONSchemaProps => object({ [field]: string() }, { required: [field] });

export const podSpec = object(
  {
    volumes: mapList(volume, ['name'], patchMerge('name', 'merge,retainKeys')),
    initContainers: mapList(container, ['name'], patchMerge('name')),
    containers: mapList(container, ['name'], {
      ...patchMerge('name'),
      description: 'Containers of the pod; at least one is required.',
    }),
    ephemeralContainers: mapList(ephemeralContainer, ['name'], patchMerge('name')),
    restartPolicy: enumString(['Always', 'Never', 'OnFailure'], { default: 'Always' }),
    terminationGracePeriodSeconds: int64({ default: 30 }),
    activeDeadlineSeconds: int64(),
    dnsPolicy: enumString(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], { default: 'ClusterFirst' }),
    nodeSelector: stringMap({ 'x-kubernetes-map-type': 'atomic' }),
    serviceAccountName: string(),
    serviceAccount: string({ description: 'Deprecated alias of serviceAccountName.' }),
    automountServiceAccountToken: boolean(),
    nodeName: string(),
    hostNetwork: boolean(),
    hostPID: boolean(),
    hostIPC: boolean(),
    shareProcessNamespace: boolean(),
    securityContext: { ...podSecurityContext, default: {} },
    imagePullSecrets: mapList(localObjectReference, ['name'], patchMerge('name')),
    hostname: string(),
    hostnameOverride: string(),
    subdomain: string(),
    affinity,
    schedulerName: string({ default: 'default-scheduler' }),
    tolerations: list(toleration),
    hostAliases: mapList(hostAlias, ['ip'], patchMerge('ip')),
    priorityClassName: string(),
    priority: int32(),
    dnsConfig: podDNSConfig,
    readinessGates: list(namedItem('conditionType')),
    runtimeClassName: string(),
    enableServiceLinks: boolean({ default: true }),
    preemptionPolicy: enumString(['Never', 'PreemptLowerPriority']),
    overhead: quantityMap(),
    topologySpreadConstraints: mapList(topologySpreadConstraint, ['topologyKey', 'whenUnsatisfiable'], patchMerge('topologyKey')),
    setHostnameAsFQDN: boolean(),
    os: namedItem('name'),
    hostUsers: boolean(),
    schedulingGates: mapList(namedItem('name'), ['name'], patchMerge('name')),
    resourceClaims: mapList(podResourceClaim, ['name'], patchMerge('name', 'merge,retainKeys')),
    resources: resourceRequirements,
  },
  { required: ['containers'] },
);

export const podTemplateSpec = object(
  { metadata: objectMeta, spec: podSpec },
  { description: 'Template for the pods this controller creates.' },
);
