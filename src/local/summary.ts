// What `kurator up` prints once the fleet is up.

import { relative } from 'node:path';
import { PROMETHEUS_INSTALL_HINT } from './prometheus.js';
import type { FleetState } from './state.js';

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export function fleetSummary(state: FleetState, options: { detached: boolean; dataDir: string; prometheusInstalled: boolean }): string {
  const lines = [
    `Kurator is up: a hub and ${state.clusters.length} simulated clusters.`,
    '',
    `  Hub          ${state.hubUrl}    kubeconfig: ${shown(state.hubKubeconfig)}`,
    ...state.clusters.map((c, i) => `  ${i === 0 ? 'Clusters    ' : '            '} ${c.name.padEnd(12)} kubeconfig: ${shown(c.kubeconfig)}`),
    `  Simulator    ${state.simulatorUrl}    metrics: ${state.simulatorUrl}/metrics`,
    state.prometheusUrl
      ? `  Prometheus   ${state.prometheusUrl}`
      : `  Prometheus   ${options.prometheusInstalled ? 'not started (--no-prometheus)' : `not installed; install it with: ${PROMETHEUS_INSTALL_HINT}`}`,
    '',
    'Try:',
    `  kubectl --kubeconfig ${shown(state.hubKubeconfig)} get namespaces`,
    `  kubectl --kubeconfig ${shown(state.clusters[0]?.kubeconfig ?? '')} get nodes`,
    `  kubectl --kubeconfig ${shown(state.clusters[0]?.kubeconfig ?? '')} create deployment web --image=nginx --replicas=3`,
    '',
    options.detached ? `Stop it with: kurator down --data-dir ${shown(options.dataDir)}` : 'Stop it with Ctrl-C.',
  ];
  return `${lines.join('\n')}\n`;
}
