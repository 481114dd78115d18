import { findGemeente } from './reference';

describe('the gemeente lookup', () => {
  const gemeenten = [
    { code: 'GM0363', name: 'Amsterdam', vtRegion: 'vt-amsterdam-amstelland' },
    { code: 'GM0014', name: 'Groningen', vtRegion: 'vt-groningen' },
    { code: 'GM1896', name: 'Zwartewaterland', vtRegion: 'vt-ijsselland' },
  ];

  it('finds a gemeente by CBS code or by name, case and accents aside', () => {
    expect(findGemeente(gemeenten, 'GM0363')?.name).toBe('Amsterdam');
    expect(findGemeente(gemeenten, 'gm14')?.name).toBe('Groningen');
    expect(findGemeente(gemeenten, '  amstérdam ')?.code).toBe('GM0363');
  });

  it('finds nothing for a near miss (intake names the closest ones)', () => {
    expect(findGemeente(gemeenten, 'Amsterdm')).toBeUndefined();
    expect(findGemeente(gemeenten, '')).toBeUndefined();
  });
});
