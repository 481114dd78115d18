import { lokaalTeamDirectory, routeToLokaalTeam } from './partner-directory';

const directory = lokaalTeamDirectory('gemeenten-2023', [
  { gemeentecode: 'GM0363', gemeentenaam: 'Amsterdam' },
  { gemeentecode: 'GM0014', gemeentenaam: 'Groningen' },
]);

describe('routing to the lokaal team', () => {
  it('routes a household to the lokaal team of its own gemeente, on that partner’s own topic', () => {
    const decision = routeToLokaalTeam(directory, 'GM0014');
    expect(decision).toEqual({
      routed: true,
      partner: { partnerId: 'lokaal-team-gm0014', partnerType: 'lokaal-team', name: 'Lokaal team Groningen', gemeenteCode: 'GM0014' },
      topic: 'vt.partner.lokaal-team-gm0014.referrals.v1',
    });
  });

  it('refuses, with the reason, when the directory has no lokaal team for the gemeente', () => {
    expect(routeToLokaalTeam(directory, 'GM9999')).toEqual({ routed: false, reason: 'no lokaal team for gemeente GM9999 in partner directory gemeenten-2023' });
  });
});
