// Shapes shared by the interpreter's operations.

export type Health = 'Healthy' | 'Unhealthy' | 'Unknown';

/** One target cluster's entry as the binder hands it to aggregation: what reflectStatus recorded, if anything. */
export interface StatusItem {
  clusterName: string;
  status?: Record<string, unknown>;
}

export type Status = Record<string, unknown>;
