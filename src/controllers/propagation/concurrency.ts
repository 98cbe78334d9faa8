// How many objects each stage of the propagation pipeline (detector, scheduler, binder, status
// aggregation) works on at once. A reconcile mostly waits for its writes to be committed, so with one
// worker a stream of new workloads queues behind each commit; Karmada's defaults for the same stages
// (--concurrent-resourcebinding-syncs and friends) are 5. The work queue never hands one key to two workers.
export const PIPELINE_WORKERS = 5;
