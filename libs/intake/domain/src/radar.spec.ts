import { classifyRadar, EarlierInvolvement, matchKeys, matchKeysByPerson, RadarPerson } from './radar';

// Test BSNs from the public 9999 range only; names and addresses are invented.
const moeder: RadarPerson = { personRef: 'p-1', bsn: '999993653', name: 'Anna de Vries', dateOfBirth: '1990-04-12', postcode: '1011 AB', houseNumber: 12 };
const kind: RadarPerson = { personRef: 'p-2', name: 'Sem de Vries', dateOfBirth: '2016-09-01', postcode: '1011ab', houseNumber: '12' };
const vader: RadarPerson = { personRef: 'p-3', name: 'Onbekende vader' };

const involvement = (overrides: Partial<EarlierInvolvement>): EarlierInvolvement => ({
  caseId: 'case-a',
  region: 'vt-utrecht',
  status: 'closed',
  matchedOn: 'bsn',
  personRef: 'p-1',
  ...overrides,
});

describe('matchKeys', () => {
  it('given a person with a valid BSN, when keys are made, then the key is the BSN alone', () => {
    expect(matchKeys(moeder)).toEqual([{ matchedOn: 'bsn', value: 'bsn:999993653' }]);
  });

  it('given a BSN typed with spaces, when keys are made, then the key is the same as for the plain number', () => {
    expect(matchKeys({ ...moeder, bsn: '999 993 653' })).toEqual(matchKeys(moeder));
  });

  it('given a person without BSN, when keys are made, then one key comes from name, date of birth, postcode and house number', () => {
    expect(matchKeys(kind)).toEqual([{ matchedOn: 'name-dob-address', value: 'ndpa:de sem vries|2016-09-01|1011AB|12' }]);
  });

  it('given a BSN that fails the elfproef, when keys are made, then the name-and-address key is made instead', () => {
    expect(matchKeys({ ...moeder, bsn: '999993654' })).toEqual([{ matchedOn: 'name-dob-address', value: 'ndpa:anna de vries|1990-04-12|1011AB|12' }]);
  });

  it.each([
    ['the same name in capitals', { name: 'SEM DE VRIES' }],
    ['surname first with a comma', { name: 'de Vries, Sem' }],
    ['extra spaces and a hyphen', { name: '  Sem   de-Vries ' }],
    ['the postcode without space in lower case', { postcode: '1011ab' }],
    ['the house number as a number', { houseNumber: 12 }],
  ])('given %s, when keys are made, then the key is unchanged', (_what, change) => {
    expect(matchKeys({ ...kind, ...change })).toEqual(matchKeys(kind));
  });

  it('given accents in the name, when keys are made, then they do not count', () => {
    expect(matchKeys({ ...kind, name: 'Zoë Çelik' })).toEqual(matchKeys({ ...kind, name: 'zoe celik' }));
  });

  it('given a house number with an addition, when keys are made, then "12a" and "12 A" give the same key and differ from "12"', () => {
    expect(matchKeys({ ...kind, houseNumber: '12a' })).toEqual(matchKeys({ ...kind, houseNumber: '12 A' }));
    expect(matchKeys({ ...kind, houseNumber: '12a' })).not.toEqual(matchKeys(kind));
  });

  it.each([
    ['no name', { name: undefined }],
    ['a name of only punctuation', { name: ' - ' }],
    ['no date of birth', { dateOfBirth: undefined }],
    ['an impossible date of birth', { dateOfBirth: '2016-02-30' }],
    ['a date of birth in another format', { dateOfBirth: '01-09-2016' }],
    ['no postcode', { postcode: undefined }],
    ['an invalid postcode', { postcode: '0123 AB' }],
    ['no house number', { houseNumber: undefined }],
    ['an invalid house number', { houseNumber: 0 }],
  ])('given a person without BSN and with %s, when keys are made, then there are none: too little is known', (_what, change) => {
    expect(matchKeys({ ...kind, ...change })).toEqual([]);
  });

  it('given the same person typed by call handlers in two regions, when keys are made, then the keys are equal: they carry no region', () => {
    const inUtrecht = matchKeys({ name: 'Sem de Vries', dateOfBirth: '2016-09-01', postcode: '1011 AB', houseNumber: '12' });
    const inZeeland = matchKeys({ name: 'DE VRIES, SEM', dateOfBirth: '2016-09-01', postcode: '1011ab', houseNumber: 12 });
    expect(inZeeland).toEqual(inUtrecht);
    expect(inUtrecht[0]?.value).not.toMatch(/vt-|VR\d/);
  });

  it('given the persons of a melding, when keys are made for all, then each person gets its own keys', () => {
    expect(matchKeysByPerson([moeder, kind, vader])).toEqual([
      { personRef: 'p-1', keys: [{ matchedOn: 'bsn', value: 'bsn:999993653' }] },
      { personRef: 'p-2', keys: [{ matchedOn: 'name-dob-address', value: 'ndpa:de sem vries|2016-09-01|1011AB|12' }] },
      { personRef: 'p-3', keys: [] },
    ]);
  });
});

describe('classifyRadar', () => {
  it('given no earlier involvement, when classified, then the melding is a first melding', () => {
    expect(classifyRadar([moeder, kind], [])).toEqual({ classification: 'first', references: [], unchecked: [] });
  });

  it('given a match with a closed case, when classified, then it is a hermelding referring to that case', () => {
    expect(classifyRadar([moeder, kind], [involvement({ status: 'closed' })])).toEqual({
      classification: 'hermelding',
      references: [{ caseId: 'case-a', region: 'vt-utrecht', status: 'closed', matchedOn: 'bsn', personRef: 'p-1' }],
      unchecked: [],
    });
  });

  it('given a match with an open case, when classified, then it is a vervolgmelding', () => {
    expect(classifyRadar([moeder, kind], [involvement({ status: 'open', matchedOn: 'name-dob-address', personRef: 'p-2' })]).classification).toBe('vervolgmelding');
  });

  it('given matches with a closed and an open case, when classified, then the open case wins: vervolgmelding, open case first', () => {
    const result = classifyRadar([moeder, kind], [involvement({ caseId: 'case-old', status: 'closed' }), involvement({ caseId: 'case-now', status: 'open', personRef: 'p-2', matchedOn: 'name-dob-address' })]);
    expect(result.classification).toBe('vervolgmelding');
    expect(result.references.map((r) => [r.caseId, r.status])).toEqual([
      ['case-now', 'open'],
      ['case-old', 'closed'],
    ]);
  });

  it('given a match in another region, when classified, then it counts like a match in the own region', () => {
    const result = classifyRadar([kind], [involvement({ region: 'vt-bq-bonaire', status: 'closed', personRef: 'p-2', matchedOn: 'name-dob-address' })]);
    expect(result).toMatchObject({ classification: 'hermelding', references: [{ region: 'vt-bq-bonaire' }] });
  });

  it('given the same case found by BSN and by name for one person, when classified, then it is referred to once, as a BSN match', () => {
    const result = classifyRadar([moeder], [involvement({ matchedOn: 'name-dob-address' }), involvement({ matchedOn: 'bsn' })]);
    expect(result.references).toEqual([{ caseId: 'case-a', region: 'vt-utrecht', status: 'closed', matchedOn: 'bsn', personRef: 'p-1' }]);
  });

  it('given one case found for two persons, when classified, then each person keeps its reference', () => {
    expect(classifyRadar([moeder, kind], [involvement({}), involvement({ personRef: 'p-2', matchedOn: 'name-dob-address' })]).references).toHaveLength(2);
  });

  it('given an involvement that carries more than a reference, when classified, then only the reference fields come back', () => {
    const leaky = { ...involvement({}), notes: 'verslag van het vorige onderzoek', persons: ['…'] } as EarlierInvolvement;
    expect(Object.keys(classifyRadar([moeder], [leaky]).references[0] ?? {}).sort()).toEqual(['caseId', 'matchedOn', 'personRef', 'region', 'status']);
  });

  it('given a person for whom no key can be made, when classified, then radar reports the person as unchecked', () => {
    expect(classifyRadar([moeder, vader], []).unchecked).toEqual(['p-3']);
  });

  it('given an involvement for a person not in the melding, when classified, then the caller\'s fault is refused', () => {
    expect(() => classifyRadar([moeder], [involvement({ personRef: 'p-9' })])).toThrow('names person p-9, who is not in this melding');
  });

  it('given an involvement with an unknown status or match, when classified, then it is refused', () => {
    expect(() => classifyRadar([moeder], [involvement({ status: 'monitoring' as 'open' })])).toThrow('expected open or closed');
    expect(() => classifyRadar([moeder], [involvement({ matchedOn: 'name' as 'bsn' })])).toThrow('expected bsn or name-dob-address');
  });

  it('given a person twice in the melding, when classified, then it is refused', () => {
    expect(() => classifyRadar([moeder, moeder], [])).toThrow('person p-1 appears twice');
  });
});
