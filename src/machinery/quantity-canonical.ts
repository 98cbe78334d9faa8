// The canonical text of a resource quantity, as resource.Quantity marshals it: computed exactly on the
// decimal digits (no floating point), in the format the text was written in — DecimalSI ("1500m", "2k"),
// BinarySI ("1536Mi"; below 1024 or not whole it falls back to DecimalSI) or DecimalExponent ("1e3") —
// with the mantissa stripped of factors of ten and the exponent lowered to a multiple of three. Values
// finer than a nano unit round up to it, as upstream rounds them.

const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_BY_POWER = new Map(Object.entries(BINARY_SUFFIX).map(([suffix, power]) => [power, suffix]));
const NANO = -9;

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** value = sign × mantissa × 10^exponent, mantissa ≥ 0. */
interface Exact {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
  format: Format;
}

function parseExact(text: string): Exact | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', fraction = '', suffix = ''] = m;
  if (whole === '' && fraction === '') return undefined;
  let mantissa = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  let format: Format;
  if (Object.hasOwn(DECIMAL_SUFFIX, suffix)) {
    exponent += DECIMAL_SUFFIX[suffix]!;
    format = 'DecimalSI';
  } else if (Object.hasOwn(BINARY_SUFFIX, suffix)) {
    mantissa *= 1024n ** BigInt(BINARY_SUFFIX[suffix]!);
    format = 'BinarySI';
  } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    exponent += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    return undefined;
  }
  return { negative: sign === '-' && mantissa !== 0n, mantissa, exponent, format };
}

/** Rounds up to nano units, then drops trailing zeros into the exponent. */
function normalize(value: Exact): Exact {
  let { mantissa, exponent } = value;
  if (exponent < NANO) {
    const scale = 10n ** BigInt(NANO - exponent);
    mantissa = (mantissa + scale - 1n) / scale;
    exponent = NANO;
  }
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { ...value, mantissa, exponent };
}

function decimalText(value: Exact): string {
  let { mantissa, exponent } = value;
  const lowered = exponent - (((exponent % 3) + 3) % 3);
  mantissa *= 10n ** BigInt(exponent - lowered);
  exponent = lowered;
  const sign = value.negative ? '-' : '';
  if (value.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  let suffix = DECIMAL_BY_EXPONENT.get(exponent);
  while (suffix === undefined && exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
    suffix = DECIMAL_BY_EXPONENT.get(exponent);
  }
  return `${sign}${mantissa}${suffix ?? ''}`;
}

function binaryText(value: Exact): string | undefined {
  if (value.exponent < 0) return undefined;
  let amount = value.mantissa * 10n ** BigInt(value.exponent);
  if (amount < 1024n) return undefined;
  let power = 0;
  while (power < 6 && amount % 1024n === 0n) {
    amount /= 1024n;
    power++;
  }
  return `${value.negative ? '-' : ''}${amount}${BINARY_BY_POWER.get(power) ?? ''}`;
}

/** The canonical text of a quantity given as text or a JSON number; undefined when it is no quantity. */
export function canonicalQuantity(raw: string | number): string | undefined {
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : raw.trim();
  const parsed = parseExact(text);
  if (!parsed) return undefined;
  const value = normalize(parsed);
  if (value.mantissa === 0n) return '0';
  return (value.format === 'BinarySI' ? binaryText(value) : undefined) ?? decimalText(value.format === 'BinarySI' ? { ...value, format: 'DecimalSI' } : value);
}
