// Ready flips only after several consecutive probe results agree (Karmada's success/failure thresholds),
// so a single slow answer does not move workloads.

export type Health = 'Ready' | 'NotReady' | 'Unreachable';

export class HealthHistory {
  private readonly byCluster = new Map<string, { reported: Health; candidate: Health; streak: number }>();

  constructor(private readonly threshold: number) {}

  /** Records a probe result and returns the health to report. The first result is reported at once. */
  observe(cluster: string, result: Health): Health {
    const entry = this.byCluster.get(cluster);
    if (!entry) {
      this.byCluster.set(cluster, { reported: result, candidate: result, streak: 0 });
      return result;
    }
    if (result === entry.reported) {
      entry.candidate = result;
      entry.streak = 0;
      return entry.reported;
    }
    entry.streak = result === entry.candidate ? entry.streak + 1 : 1;
    entry.candidate = result;
    // Between unhealthy states (NotReady ↔ Unreachable) the detail changes at once.
    if (entry.streak >= this.threshold || (entry.reported !== 'Ready' && result !== 'Ready')) {
      entry.reported = result;
      entry.streak = 0;
    }
    return entry.reported;
  }

  forget(cluster: string): void {
    this.byCluster.delete(cluster);
  }
}
