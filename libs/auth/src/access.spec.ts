import { HttpException } from '@nestjs/common';
import { assertRegion, assertRole } from './access';
import { actorOf, coversRegion, hasAnyRole, Principal } from './principal';
import { isRegionScope, isRole } from './roles';

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
  it('knows the roles and region scopes', () => {
    expect(['call-handler', 'triage', 'investigator', 'referral-coordinator', 'auditor', 'admin'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(['VR01', 'VR13', 'VR25', 'vt-bq-bonaire', 'vt-bq-saba', 'vt-bq-sint-eustatius', '*'].every(isRegionScope)).toBe(true);
    expect(['VR00', 'VR26', 'vr13', 'VR1', 'vt-bq-aruba', '', '**'].some(isRegionScope)).toBe(false);
  });

  it('checks roles: any one of the listed, none implied by admin', () => {
    expect(hasAnyRole(principal(['triage'], []), ['call-handler', 'triage'])).toBe(true);
    expect(hasAnyRole(principal(['admin'], []), ['triage'])).toBe(false);
    expect(responseOf(() => assertRole(principal(['triage'], []), 'triage'))).toBeUndefined();
    expect(responseOf(() => assertRole(principal(['call-handler'], ['VR13']), 'triage', 'investigator', 'admin'))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs role triage, investigator or admin; the token has call-handler' },
    });
    expect(responseOf(() => assertRole(principal([], ['VR13']), 'auditor'))).toMatchObject({ body: { message: 'this needs role auditor; the token has no role' } });
  });

  it('checks regions: the region itself, or national scope', () => {
    expect(coversRegion(principal([], ['VR13']), 'VR13')).toBe(true);
    expect(coversRegion(principal([], ['*']), 'vt-bq-saba')).toBe(true);
    expect(coversRegion(principal([], ['VR13']), 'VR09')).toBe(false);
    expect(responseOf(() => assertRegion(principal([], ['VR09', 'VR10']), 'VR13'))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'forbidden', message: 'this needs access to region VR13; the token covers VR09, VR10' },
    });
  });

  it('names the actor user:<sub>', () => {
    expect(actorOf(principal([], []))).toBe('user:u-1');
  });
});
