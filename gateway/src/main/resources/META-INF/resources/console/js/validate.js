// Checks a user sees while typing; the server checks again and its answer wins.
const VIN_VALUES = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** null when valid, else a message key: ISO 3779 shape and the check digit at position 9 (GB 16735 in China). */
export function vin(value) {
  const v = (value || '').trim().toUpperCase();
  if (v.length !== 17) return 'vin.length';
  if (/[IOQ]/.test(v)) return 'vin.ioq';
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return 'vin.chars';
  // the check digit is mandatory for vehicles made in China (WMI L...) and North America (1, 4, 5)
  if (!/^[L145]/.test(v)) return null;
  return v[8] === vinCheckDigit(v) ? null : 'vin.check';
}

export function vinCheckDigit(v) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i];
    sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c]) * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** null when valid, else a message key: China's unified social credit code (GB 32100-2015). */
export function creditCode(value) {
  const v = (value || '').trim().toUpperCase();
  if (v.length !== 18) return 'code.length';
  for (const c of v) if (!CODE_CHARS.includes(c)) return 'code.chars';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(v[i]) * CODE_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return v[17] === CODE_CHARS[check] ? null : 'code.check';
}
