// Every CustomResourceDefinition the hub installs at start (DESIGN.md §7): Kurator's own groups, the seed
// aliases, Karmada's policy and work groups, and the third-party subsets the fleet features drive.

import type { KubeObject } from '../../machinery/object.js';
import { fluxCrds } from './flux.js';
import { flaggerCrds } from './flagger.js';
import { istioCrds } from './istio.js';
import { karmadaPolicyCrds } from './karmada-policy.js';
import { karmadaWorkCrds } from './karmada-work.js';
import { kubeedgeCrds } from './kubeedge.js';
import { kuratorAppsCrds } from './kurator-apps.js';
import { kuratorBackupCrds } from './kurator-backup.js';
import { kuratorClusterCrds } from './kurator-cluster.js';
import { kuratorDeliveryCrds } from './kurator-delivery.js';
import { kuratorEdgeCrds } from './kurator-edge.js';
import { kuratorFleetCrds } from './kurator-fleet.js';
import { kuratorPipelineCrds } from './kurator-pipeline.js';
import { kuratorScalingCrds } from './kurator-scaling.js';
import { policyEngineCrds } from './policy-engines.js';
import { prometheusOperatorCrds } from './prometheus-operator.js';
import { volcanoCrds } from './volcano.js';

export const hubCrds: KubeObject[] = [
  ...kuratorFleetCrds(),
  ...kuratorClusterCrds(),
  ...kuratorAppsCrds(),
  ...kuratorDeliveryCrds(),
  ...kuratorPipelineCrds(),
  ...kuratorBackupCrds(),
  ...kuratorScalingCrds(),
  ...kuratorEdgeCrds(),
  ...karmadaPolicyCrds(),
  ...karmadaWorkCrds(),
  ...volcanoCrds(),
  ...kubeedgeCrds(),
  ...istioCrds(),
  ...prometheusOperatorCrds(),
  ...fluxCrds(),
  ...policyEngineCrds(),
  ...flaggerCrds(),
];

/**
 * The CRDs to install into an existing Kubernetes cluster (`kurator controllers` mode): everything except the
 * kinds that a real kube-apiserver already serves as built-ins (groups ending in .k8s.io).
 */
export const crdsForExternalClusters: KubeObject[] = hubCrds.filter((crd) => {
  const group = (crd.spec as { group: string }).group;
  return group !== 'k8s.io' && !group.endsWith('.k8s.io');
});

export { defineCrd, objectSchema, pluralOf, type CrdDescription, type CrdVersion, type PrinterColumnSpec } from './crd.js';
