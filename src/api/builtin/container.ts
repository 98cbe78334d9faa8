// core/v1 Container and EphemeralContainer with everything hanging off them: ports, env, probes,
// lifecycle hooks, security context, resources and mounts.

import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import {
  atomicObject, boolean, enumString, int32, int64, intOrString, list, mapList, object, patchMerge, quantity,
  quantityMap, setList, string, stringList,
} from './schema-builders.js';

const protocol = enumString(['SCTP', 'TCP', 'UDP'], { default: 'TCP' });

export const containerPort = object(
  {
    name: string(),
    hostPort: int32(),
    containerPort: int32(),
    protocol,
    hostIP: string(),
  },
  { required: ['containerPort'] },
);

const keySelector = (nameDefault: boolean): JSONSchemaProps =>
  atomicObject(
    { name: nameDefault ? string({ default: '' }) : string(), key: string(), optional: boolean() },
    { required: ['key'] },
  );

export const objectFieldSelector = atomicObject(
  { apiVersion: string({ default: 'v1' }), fieldPath: string() },
  { required: ['fieldPath'] },
);

export const resourceFieldSelector = atomicObject(
  { containerName: string(), resource: string(), divisor: quantity() },
  { required: ['resource'] },
);

const envVarSource = object({
  fieldRef: objectFieldSelector,
  resourceFieldRef: resourceFieldSelector,
  configMapKeyRef: keySelector(true),
  secretKeyRef: keySelector(true),
  fileKeyRef: atomicObject(
    { volumeName: string(), path: string(), key: string(), optional: boolean({ default: false }) },
    { required: ['volumeName', 'path', 'key'] },
  ),
});

const envVar = object({ name: string(), value: string(), valueFrom: envVarSource }, { required: ['name'] });

const envFromSource = object({
  prefix: string(),
  configMapRef: object({ name: string({ default: '' }), optional: boolean() }),
  secretRef: object({ name: string({ default: '' }), optional: boolean() }),
});

export const resourceRequirements = object({
  limits: quantityMap(),
  requests: quantityMap(),
  claims: mapList(object({ name: string(), request: string() }, { required: ['name'] }), ['name']),
});

const volumeMount = object(
  {
    name: string(),
    readOnly: boolean(),
    recursiveReadOnly: string(),
    mountPath: string(),
    subPath: string(),
    mountPropagation: enumString(['Bidirectional', 'HostToContainer', 'None']),
    subPathExpr: string(),
  },
  { required: ['name', 'mountPath'] },
);

const volumeDevice = object({ name: string(), devicePath: string() }, { required: ['name', 'devicePath'] });

const execAction = object({ command: stringList() });

const httpGetAction = object(
  {
    path: string(),
    port: intOrString(),
    host: string(),
    scheme: enumString(['HTTP', 'HTTPS'], { default: 'HTTP' }),
    httpHeaders: list(object({ name: string(), value: string() }, { required: ['name', 'value'] })),
  },
  { required: ['port'] },
);

const tcpSocketAction = object({ port: intOrString(), host: string() }, { required: ['port'] });

const grpcAction = object({ port: int32(), service: string({ default: '' }) }, { required: ['port'] });

export const probe = object({
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  grpc: grpcAction,
  initialDelaySeconds: int32(),
  timeoutSeconds: int32({ default: 1 }),
  periodSeconds: int32({ default: 10 }),
  successThreshold: int32({ default: 1 }),
  failureThreshold: int32({ default: 3 }),
  terminationGracePeriodSeconds: int64(),
});

const stopSignals = [
  'SIGABRT', 'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCLD', 'SIGCONT', 'SIGFPE', 'SIGHUP', 'SIGILL', 'SIGINT', 'SIGIO',
  'SIGIOT', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF', 'SIGPWR', 'SIGQUIT', 'SIGRTMAX', 'SIGRTMAX-1',
  'SIGRTMAX-10', 'SIGRTMAX-11', 'SIGRTMAX-12', 'SIGRTMAX-13', 'SIGRTMAX-14', 'SIGRTMAX-2', 'SIGRTMAX-3',
  'SIGRTMAX-4', 'SIGRTMAX-5', 'SIGRTMAX-6', 'SIGRTMAX-7', 'SIGRTMAX-8', 'SIGRTMAX-9', 'SIGRTMIN', 'SIGRTMIN+1',
  'SIGRTMIN+10', 'SIGRTMIN+11', 'SIGRTMIN+12', 'SIGRTMIN+13', 'SIGRTMIN+14', 'SIGRTMIN+15', 'SIGRTMIN+2',
  'SIGRTMIN+3', 'SIGRTMIN+4', 'SIGRTMIN+5', 'SIGRTMIN+6', 'SIGRTMIN+7', 'SIGRTMIN+8', 'SIGRTMIN+9', 'SIGSEGV',
  'SIGSTKFLT', 'SIGSTOP', 'SIGSYS', 'SIGTERM', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1',
  'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ',
];

const lifecycleHandler = object({
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  sleep: object({ seconds: int64() }, { required: ['seconds'] }),
});

const lifecycle = object({ postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: enumString(stopSignals) });

const profileTypes = ['Localhost', 'RuntimeDefault', 'Unconfined'];

export const seccompProfile = object(
  { type: enumString(profileTypes), localhostProfile: string() },
  { required: ['type'] },
);

export const appArmorProfile = object(
  { type: enumString(profileTypes), localhostProfile: string() },
  { required: ['type'] },
);

export const seLinuxOptions = object({ user: string(), role: string(), type: string(), level: string() });

export const windowsSecurityContextOptions = object({
  gmsaCredentialSpecName: string(),
  gmsaCredentialSpec: string(),
  runAsUserName: string(),
  hostProcess: boolean(),
});

const securityContext = object({
  capabilities: object({ add: stringList(), drop: stringList() }),
  privileged: boolean(),
  seLinuxOptions,
  windowsOptions: windowsSecurityContextOptions,
  runAsUser: int64(),
  runAsGroup: int64(),
  runAsNonRoot: boolean(),
  readOnlyRootFilesystem: boolean(),
  allowPrivilegeEscalation: boolean(),
  procMount: enumString(['Default', 'Unmasked']),
  seccompProfile,
  appArmorProfile,
});

const resizePolicy = object(
  { resourceName: string(), restartPolicy: string({ description: 'NotRequired or RestartContainer.' }) },
  { required: ['resourceName', 'restartPolicy'] },
);

const restartRule = object(
  {
    action: string(),
    exitCodes: object({ operator: string(), values: setList(int32()) }, { required: ['operator'] }),
  },
  { required: ['action'] },
);

/** The fields Container and EphemeralContainer share. */
function containerProperties(): Record<string, JSONSchemaProps> {
  return {
    name: string({ description: 'Name of the container, unique within the pod (DNS label).' }),
    image: string({ description: 'Container image reference.' }),
    command: stringList({ description: 'Entrypoint array; replaces the image ENTRYPOINT.' }),
    args: stringList({ description: 'Arguments to the entrypoint; replace the image CMD.' }),
    workingDir: string(),
    ports: mapList(containerPort, ['containerPort', 'protocol'], patchMerge('containerPort')),
    envFrom: list(envFromSource),
    env: mapList(envVar, ['name'], patchMerge('name')),
    resources: { ...resourceRequirements, default: {} },
    resizePolicy: list(resizePolicy),
    restartPolicy: string({ description: 'Only "Always" for init containers that run as sidecars.' }),
    restartPolicyRules: list(restartRule),
    volumeMounts: mapList(volumeMount, ['mountPath'], patchMerge('mountPath')),
    volumeDevices: mapList(volumeDevice, ['devicePath'], patchMerge('devicePath')),
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle,
    terminationMessagePath: string({ default: '/dev/termination-log' }),
    terminationMessagePolicy: enumString(['FallbackToLogsOnError', 'File'], { default: 'File' }),
    imagePullPolicy: enumString(['Always', 'IfNotPresent', 'Never']),
    securityContext,
    stdin: boolean(),
    stdinOnce: boolean(),
    tty: boolean(),
  };
}

export const container = object(containerProperties(), { required: ['name'] });

export const ephemeralContainer = object(
  { ...containerProperties(), targetContainerName: string() },
  { required: ['name'] },
);
