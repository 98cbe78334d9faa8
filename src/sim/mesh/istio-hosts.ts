// Istio host names: short names in a VirtualService or DestinationRule are resolved against the
// namespace of the rule, not of the Service. "reviews" → reviews.<rule ns>.svc.<domain>,
// "reviews.ns" → reviews.ns.svc.<domain>, "reviews.ns.svc" → reviews.ns.svc.<domain>; anything longer is
// taken as written. "*" matches every host and "*.suffix" every host ending in ".suffix".

export function qualifyHost(host: string, ruleNamespace: string, domain: string): string {
  if (host.startsWith('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${ruleNamespace}.svc.${domain}`;
  if (parts.length === 2) return `${host}.svc.${domain}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.${domain}`;
  return host;
}

/** Whether a rule's host (as written) names the fully qualified host fqdn. */
export function hostMatches(ruleHost: string, ruleNamespace: string, fqdn: string, domain: string): boolean {
  const qualified = qualifyHost(ruleHost.trim().toLowerCase(), ruleNamespace, domain);
  if (qualified === '*') return true;
  if (qualified.startsWith('*.')) return fqdn.endsWith(qualified.slice(1));
  return qualified === fqdn;
}

export function serviceFqdn(namespace: string, name: string, domain: string): string {
  return `${name}.${namespace}.svc.${domain}`;
}
