import { householdVtRegion } from './household-timeline.controller';

describe('the VT region referral scopes a household’s timeline to (docs/adr/0017, 0039)', () => {
  // Rule (issue 11 point 4; plan "Regions"): a household belongs to the VT region its melding was routed to, never to its veiligheidsregio.
  it('is the routed region, else the gemeente’s or island desk’s in the dated table, else only a national token', () => {
    expect(householdVtRegion({ region_code: 'vt-west-brabant', gemeente_code: 'GM0855', island: null })).toBe('vt-west-brabant');
    expect(householdVtRegion({ region_code: null, gemeente_code: 'GM0855', island: null })).toBe('vt-midden-brabant');
    expect(householdVtRegion({ region_code: null, gemeente_code: null, island: 'saba' })).toBe('vt-bq-saba');
    expect(householdVtRegion({ region_code: null, gemeente_code: null, island: null })).toBe('*');
  });
});
