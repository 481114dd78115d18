import { isLiveGroup } from './ids';

describe('live groups (docs/adr/0035)', () => {
  it('are the per-instance groups that commit nothing, and no other', () => {
    expect(isLiveGroup('t3f9a0c21.crisis-triage.live.0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4')).toBe(true);
    expect(isLiveGroup('t3f9a0c21.crisis-triage')).toBe(false);
    expect(isLiveGroup('t3f9a0c21.crisis-triage.informing-migration.0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4')).toBe(false);
    expect(isLiveGroup('t3f9a0c21.crisis-triage-erasures')).toBe(false);
  });
});
