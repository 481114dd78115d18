/** What the BSN field says while the call handler types: a hint, not a refusal (intake decides, `bsn-fails-elfproef`). */
export type BsnHint = { kind: 'empty' } | { kind: 'ok' } | { kind: 'incomplete' | 'not-digits' | 'elfproef'; message: string };

/** The elfproef (DOMAIN.md): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, never all zeros. Spaces and dots are ignored. */
export function bsnHint(input: string): BsnHint {
  const value = input.replace(/[\s.]/g, '');
  if (value === '') return { kind: 'empty' };
  if (!/^\d+$/.test(value)) return { kind: 'not-digits', message: 'Een BSN bestaat alleen uit cijfers.' };
  if (value.length !== 9) return { kind: 'incomplete', message: `Een BSN heeft 9 cijfers; dit zijn er ${value.length}.` };
  return passesElfproef(value) ? { kind: 'ok' } : { kind: 'elfproef', message: 'Dit BSN voldoet niet aan de elfproef. Controleer het nummer.' };
}

export function passesElfproef(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits) || /^0+$/.test(nineDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nineDigits[i]);
  sum -= Number(nineDigits[8]);
  return sum % 11 === 0;
}
