// The client package: the Client interface and its transports, informers, the work queue and the
// controller runner.

export * from './types.js';
export * from './controller-types.js';
export { createInProcessClient, type InProcessClient, type InProcessClientOptions } from './inprocess.js';
export { createHttpClient, type HttpClient, type HttpClientOptions } from './http.js';
export { loadKubeconfig, type LoadKubeconfigOptions, type RestConfig } from './kubeconfig.js';
export { resources, resourceTypeOf, apiVersionOf } from './resources.js';
export { createInformer, type InformerOptions, type ListWatchInformer } from './informer.js';
export { NAMESPACE_INDEX } from './informer-cache.js';
export { WorkQueue, type WorkQueueOptions } from './workqueue.js';
export { bucketRateLimiter, defaultControllerRateLimiter, exponentialRateLimiter, maxOfRateLimiters, type RateLimiter } from './ratelimit.js';
export { FakeClock, realClock, type Clock, type TimerHandle } from './clock.js';
export { defineController, ControllerManager, type ControllerManagerOptions, type ControllerOptions } from './controller.js';
export { keyString, objectKeyOf, parseKeyString } from './keys.js';
export { isAlreadyExists, isConflict, isConnectionError, isExpired, isInvalid, isNotFound } from './errors.js';
