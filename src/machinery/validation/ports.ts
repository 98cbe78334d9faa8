// Port numbers and names as apimachinery's IsValidPortNum / IsValidPortName check them (a named port is an
// IANA service name: at most 15 lowercase letters, digits and single hyphens, with at least one letter).

const MAX_PORT_NAME = 15;

/** The messages for a port number (empty when it is valid). */
export function portNumberErrors(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** The messages for a port name (empty when it is valid). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > MAX_PORT_NAME) errs.push(`must be no more than ${MAX_PORT_NAME} characters`);
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}
