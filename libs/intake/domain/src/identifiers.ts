import { accept, Checked, refuse } from './problem';

/**
 * Identifiers a call handler types in. Messages never repeat the value itself: problems end up in
 * responses and logs, and a BSN or an address is personal data.
 */

export type BsnProblemCode = 'bsn-not-digits' | 'bsn-wrong-length' | 'bsn-all-zeros' | 'bsn-fails-elfproef';

/** Weights of the elfproef for a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9. */
const BSN_WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/**
 * A BSN: 9 digits that pass the elfproef, not all zeros. Spaces and dots between digit groups
 * ("999 993 653", "9999.93.653") are dropped first; the value is the 9 digits.
 */
export function checkBsn(value: string): Checked<string, BsnProblemCode> {
  const digits = value.trim().replace(/[\s.]/g, '');
  if (!/^\d*$/.test(digits)) return refuse('bsn-not-digits', 'A BSN has only digits; check for a letter or another character typed by mistake.');
  if (digits.length !== 9) {
    return refuse('bsn-wrong-length', `A BSN has 9 digits; this one has ${digits.length}. Check for a missing or extra digit (an 8-digit number on an old document needs a leading 0).`);
  }
  if (/^0+$/.test(digits)) return refuse('bsn-all-zeros', 'A BSN cannot be all zeros; ask for the number again or leave the BSN empty.');
  let sum = 0;
  BSN_WEIGHTS.forEach((weight, i) => (sum += weight * Number(digits[i])));
  if (sum % 11 !== 0) return refuse('bsn-fails-elfproef', 'This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped.');
  return accept(digits);
}

export type PostcodeProblemCode = 'postcode-format' | 'postcode-leading-zero' | 'postcode-reserved-letters';

/** Letter pairs never issued as a postcode (they recall the SA, SD and SS). */
export const RESERVED_POSTCODE_LETTERS: readonly string[] = ['SA', 'SD', 'SS'];

/**
 * A Dutch postcode: four digits (the first not 0) and two letters, with or without a space, in any
 * case. The value is the written form "1234 AB".
 */
export function normalisePostcode(value: string): Checked<string, PostcodeProblemCode> {
  const match = /^(\d{4})\s*([A-Z]{2})$/.exec(value.trim().toUpperCase());
  if (!match) return refuse('postcode-format', 'A postcode is four digits and two letters, like 1234 AB.');
  const [, digits = '', letters = ''] = match;
  if (digits.startsWith('0')) return refuse('postcode-leading-zero', 'A postcode does not start with 0; check the first digit.');
  if (RESERVED_POSTCODE_LETTERS.includes(letters)) return refuse('postcode-reserved-letters', `Postcodes never end in ${RESERVED_POSTCODE_LETTERS.join(', ')}; check the letters.`);
  return accept(`${digits} ${letters}`);
}

export type HouseNumberProblemCode = 'house-number-format' | 'house-number-out-of-range';

/**
 * A house number: 1 to 99999, optionally followed by a letter and/or an addition (at most 5 letters or
 * digits together, as in the BAG: huisletter + huisnummertoevoeging). Separators and case do not count,
 * so "12a", "12 A" and "12-a" all become "12-A"; "12" stays "12".
 */
export function normaliseHouseNumber(value: string | number): Checked<string, HouseNumberProblemCode> {
  const text = typeof value === 'number' ? String(value) : value.trim().toUpperCase();
  const match = /^(\d+)[\s\-/]*([A-Z0-9][A-Z0-9\s\-/]*)?$/.exec(text);
  if (!match) return refuse('house-number-format', 'A house number is a number, optionally with a letter or addition, like 12, 12a or 12-2.');
  const [, digits = '', rest = ''] = match;
  const number = Number(digits);
  if (!Number.isInteger(number) || number < 1 || number > 99999) return refuse('house-number-out-of-range', 'A house number lies between 1 and 99999.');
  const addition = rest.replace(/[\s\-/]/g, '');
  if (addition.length > 5) return refuse('house-number-format', 'A house number addition has at most 5 letters or digits.');
  return accept(addition ? `${number}-${addition}` : String(number));
}
