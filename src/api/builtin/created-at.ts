// The column kube-apiserver's default table shows for kinds without a printer of their own:
// the creation timestamp as written (RFC 3339), not a relative age.

import type { PrinterColumn } from '../types.js';
import { stringAt } from './cells.js';

export const CREATED_AT_COLUMN: PrinterColumn = {
  name: 'Created At',
  type: 'string',
  format: 'date-time',
  description: 'Time the object was created (RFC 3339).',
  value: (o) => stringAt(o, 'metadata', 'creationTimestamp') ?? '',
};
