// Boolean query parameters as kube-apiserver reads them (apimachinery's Convert_Slice_string_To_bool):
// absent is unset, "0" and "false" in any case are false, and every other value — "1", "true", "True",
// "yes", even an empty one — is true. So `?watch=yes` watches, as it does against kube-apiserver.

export function queryFlag(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return value !== '0' && value.toLowerCase() !== 'false';
}
