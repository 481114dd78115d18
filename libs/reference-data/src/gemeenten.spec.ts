import { loadGemeenteTable, parseGemeentenCsv } from './gemeenten';

describe('gemeente table', () => {
  it('reads all 342 gemeenten of the 2023 division with their veiligheidsregio', () => {
    const table = loadGemeenteTable();
    expect(table.gemeenten).toHaveLength(342);
    expect(table.gemeenten.find((g) => g.gemeentecode === 'GM0363')).toEqual({ gemeentecode: 'GM0363', gemeentenaam: 'Amsterdam', vrCode: 'VR13', vrNaam: 'Amsterdam-Amstelland' });
  });

  it('keeps quoted names that contain commas', () => {
    expect(parseGemeentenCsv('gemeentecode,gemeentenaam,vr_code,vr_naam\nGM0001,"Plaats, De",VR01,"Regio ""X"""')).toEqual([
      { gemeentecode: 'GM0001', gemeentenaam: 'Plaats, De', vrCode: 'VR01', vrNaam: 'Regio "X"' },
    ]);
  });

  it('names the line that is malformed', () => {
    expect(() => parseGemeentenCsv('gemeentecode,gemeentenaam,vr_code,vr_naam\nXX,Y,VR01,Z')).toThrow('gemeenten line 2 is malformed');
  });
});
