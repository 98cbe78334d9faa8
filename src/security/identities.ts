// The identities the hub itself issues and recognises.

/** The administrator of the generated kubeconfig (client certificate CN). */
export const ADMIN_USER = 'kurator-admin';
/** Members of system:masters are allowed everything, whatever RBAC says (as in kube-apiserver). */
export const MASTERS_GROUP = 'system:masters';
export const ADMIN_GROUPS = [MASTERS_GROUP];

/** The local Prometheus's credential: kube's system:monitoring group may read /metrics and health checks. */
export const MONITORING_USER = 'kurator-monitoring';
export const MONITORING_GROUP = 'system:monitoring';

/** Every authenticated user is in this group. */
export const AUTHENTICATED_GROUP = 'system:authenticated';

/** What an --insecure-http hub treats every request as (kube-apiserver's old insecure port did the same). */
export const UNSECURED_USER = { name: 'system:unsecured', groups: [MASTERS_GROUP, AUTHENTICATED_GROUP] };

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`, AUTHENTICATED_GROUP];
}
