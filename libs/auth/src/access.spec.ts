import { HttpException } from '@nestjs/common';
import { assertRegion, assertRole } from './access';
import { actorOf, coversRegion, hasAnyRole, Principal } from './principal';
import { isRegionScope, isRole, REGION_SCOPE_HELP, regionProblems } from './roles';

const principal = (roles: Principal['roles'], regions: string[]): Principal => ({ subject: 'u-1', roles, regions, expiresAt: new Date() });

function responseOf(run: () => void): { status: number; body: unknown } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
}

describe('roles and region scope', () => {
  it('knows the roles', () => {
    expect(['call-handler', 'triage', 'investigator', 'referral-coordinator', 'auditor', 'admin'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
  });

  // Rule (plan "Regions", docs/adr/0017): a token's regions claim carries VT region codes from the dated table, or *.
  it('takes VT region codes and * as region scopes, and nothing else: no veiligheidsregio codes', () => {
    expect(['vt-groningen', 'vt-amsterdam-amstelland', 'vt-west-brabant', 'vt-midden-brabant', 'vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius', '*'].every(isRegionScope)).toBe(true);
    expect(['VR01', 'VR13', 'VR20', 'VR26', 'vt-amsterdam', 'VT-UTRECHT', 'vt-bq-aruba', '', '**'].some(isRegionScope)).toBe(false);
  });

  // Rule (DOMAIN.md "Regions"): VR20 is served by two VT organisations, so a veiligheidsregio code cannot stand for a region.
  it('refuses a veiligheidsregio code naming the VT region(s) that serve it', () => {
    expect(regionProblems(['VR20', 'vt-utrecht', 'VR13'])).toEqual([
      `unknown region "VR20" is a veiligheidsregio, not a Veilig Thuis region; VR20 is served by vt-west-brabant and vt-midden-brabant; use ${REGION_SCOPE_HELP}`,
      `unknown region "VR13" is a veiligheidsregio, not a Veilig Thuis region; VR13 is served by vt-amsterdam-amstelland; use ${REGION_SCOPE_HELP}`,
    ]);
    expect(regionProblems(['*', 'vt-bq-saba'])).toEqual([]);
  });

  it('checks roles: any one of the listed, none implied by admin', () => {
    expect(hasAnyRole(principal(['triage'], []), ['call-handler', 'triage'])).toBe(true);
    expect(hasAnyRole(principal(['admin'], []), ['triage'])).toBe(false);
    expect(responseOf(() => assertRole(principal(['triage'], []), 'triage'))).toBeUndefined();
    expect(responseOf(() => assertRole(principal(['call-handler'], ['vt-amsterdam-amstelland']), 'triage', 'investigator', 'admin'))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs role triage, investigator or admin; the token has call-handler' },
    });
    expect(responseOf(() => assertRole(principal([], ['vt-amsterdam-amstelland']), 'auditor'))).toMatchObject({ body: { message: 'this needs role auditor; the token has no role' } });
  });

  // Rule (plan "Regions"): every read and write of a household's data is scoped to the caller's VT region; * covers all.
  it('checks regions: the region itself, or national scope; West-Brabant does not cover Midden-Brabant', () => {
    expect(coversRegion(principal([], ['vt-midden-brabant']), 'vt-west-brabant')).toBe(false);
    expect(coversRegion(principal([], ['vt-amsterdam-amstelland']), 'vt-amsterdam-amstelland')).toBe(true);
    expect(coversRegion(principal([], ['*']), 'vt-bq-saba')).toBe(true);
    expect(coversRegion(principal([], ['vt-amsterdam-amstelland']), 'vt-utrecht')).toBe(false);
    expect(responseOf(() => assertRegion(principal([], ['vt-utrecht', 'vt-noord-holland-noord']), 'vt-amsterdam-amstelland'))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs access to region vt-amsterdam-amstelland; the token covers vt-utrecht, vt-noord-holland-noord' },
    });
  });

  it('names the actor user:<sub>', () => {
    expect(actorOf(principal([], []))).toBe('user:u-1');
  });
});
