// Kubernetes resource quantities ("100m", "1Gi", "1.5e3"): validation, conversion to a number, and
// best-effort canonical formatting (largest suffix that keeps the mantissa an integer).

/** The textual form resource.Quantity accepts ("100m", "1Gi", "1e3", "0.5"), as built-in schemas state it. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function split(text: string): { number: string; suffix: string } | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const suffix = m[2];
  if (suffix in DECIMAL_SUFFIX || suffix in BINARY_SUFFIX || /^[eE][+-]?[0-9]+$/.test(suffix)) return { number: m[1], suffix };
  return undefined;
}

export function isValidQuantity(text: string): boolean {
  return split(text) !== undefined;
}

/** The quantity's value as a number ("100m" → 0.1, "1Gi" → 1073741824); throws on invalid text. */
export function parseQuantity(text: string): number {
  const parts = split(text);
  if (!parts) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const { number, suffix } = parts;
  if (suffix in BINARY_SUFFIX) return Number(number) * 2 ** BINARY_SUFFIX[suffix];
  // Let the decimal parser apply the power of ten so "100m" is exactly the double nearest 0.1.
  const exponent = suffix in DECIMAL_SUFFIX ? DECIMAL_SUFFIX[suffix] : Number(suffix.slice(1));
  return Number(`${number}e${exponent}`);
}

/** Exact decimal form of a finite double's shortest representation: value = mantissa × 10^exponent. */
function toDecimal(value: number): { mantissa: bigint; exponent: number } {
  const [digits, exp = '0'] = Math.abs(value).toExponential().split('e');
  const [whole, fraction = ''] = digits.split('.');
  let mantissa = BigInt(whole + fraction);
  let exponent = Number(exp) - fraction.length;
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent };
}

const DECIMAL_BY_EXPONENT: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

function formatDecimal(value: number): string {
  const sign = value < 0 ? '-' : '';
  let { mantissa, exponent } = toDecimal(value);
  if (mantissa === 0n) return '0';
  if (exponent < -9) {
    // Below nano precision the value rounds up to the next nano unit, as upstream does.
    const scale = 10n ** BigInt(-9 - exponent);
    mantissa = (mantissa + scale - 1n) / scale;
    exponent = -9;
  }
  let suffixExponent = Math.min(18, Math.floor(exponent / 3) * 3);
  mantissa *= 10n ** BigInt(exponent - suffixExponent);
  // Renormalise: rounding up may have produced a multiple of 1000.
  while (suffixExponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    suffixExponent += 3;
  }
  return `${sign}${mantissa}${DECIMAL_BY_EXPONENT[suffixExponent]}`;
}

function formatBinary(value: number): string {
  // Small and fractional amounts read better in decimal, which is also what upstream prints.
  if (Math.abs(value) < 1024 || !Number.isInteger(value)) return formatDecimal(value);
  let amount = BigInt(value);
  let power = 0;
  while (power < 60 && amount % 1024n === 0n) {
    amount /= 1024n;
    power += 10;
  }
  const suffix = Object.keys(BINARY_SUFFIX).find((s) => BINARY_SUFFIX[s] === power) ?? '';
  return `${amount}${suffix}`;
}

/** Canonical-looking text for a value: DecimalSI "1500m"/"2k", BinarySI "1Gi" (best effort). */
export function formatQuantity(value: number, format: 'DecimalSI' | 'BinarySI'): string {
  if (!Number.isFinite(value)) throw new Error(`cannot format ${value} as a quantity`);
  return format === 'BinarySI' ? formatBinary(value) : formatDecimal(value);
}
