import { HOUSEHOLD_HANDED_OVER, HOUSEHOLD_HANDOVER_COMPLETED, HOUSEHOLD_HANDOVER_FAILED_V2, HOUSEHOLD_PHASE_CHANGE_REFUSED, HOUSEHOLD_PHASE_CHANGED_V2, ReferralAcceptedData, ReferralRoutingFailedV2Data } from '@vt/contracts';
import { handsOverZichtOpVeiligheid, IssuedReferral, onReferralAccepted, onReferralCompleted, onReferralRoutingFailed } from './handover.rules';
import { decide, HouseholdEvent } from './household.decider';
import {
  accepted,
  acuteIncident,
  child,
  completed,
  confirm,
  everyoneConfirmed,
  given,
  history,
  householdId,
  inDirecteVeiligheid,
  inDuurzameVeiligheid,
  minutesLater,
  nobodyTakesOver,
  now,
  openRecord,
  referralId,
  secondReferralId,
  system,
  victim,
} from './household.fixtures';
import { refusalIn } from './household.refusals';
import { RecordedHousehold, zichtOpVeiligheid } from './household.state';

const recorded = (...events: HouseholdEvent[]): RecordedHousehold => given(...events) as RecordedHousehold;

describe('handover: a partner accepts an overdracht', () => {
  it('given directe-veiligheid with immediate safety confirmed for everyone, when the partner accepts, then zicht op veiligheid passes to it and the household moves to duurzame-veiligheid on the referral', () => {
    const before = everyoneConfirmed();
    const events = decide(accepted(), given(...before), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_HANDED_OVER,
        data: { householdId, referralId, partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', acceptedAt: accepted().acceptedAt, basis: accepted().basis, actor: system },
      },
      {
        type: HOUSEHOLD_PHASE_CHANGED_V2,
        data: {
          householdId,
          command: 'RegisterHandover',
          from: 'directe-veiligheid',
          to: 'duurzame-veiligheid',
          // System reasons are codes (ADR 0020): who took over is in basedOn.referral.
          reasonCode: 'overdracht-accepted',
          basedOn: {
            confirmations: [
              { personId: victim.personId, role: 'victim', confirmedBy: 'user:investigator-17', confirmedAt: minutesLater(-2).toISOString() },
              { personId: child.personId, role: 'child-involved', confirmedBy: 'user:investigator-17', confirmedAt: minutesLater(-1).toISOString() },
            ],
            referral: { referralId, partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', acceptedAt: accepted().acceptedAt },
          },
          confirmationsWithdrawn: [],
          changedAt: now.toISOString(),
          actor: system,
        },
      },
    ]);
    const after = recorded(...before, ...events);
    expect(after.phase).toBe('duurzame-veiligheid');
    expect(zichtOpVeiligheid(after)).toEqual([{ referralId, partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', acceptedAt: accepted().acceptedAt }]);
  });

  it('given directe-veiligheid with one person unconfirmed, when the partner accepts, then the handover is recorded and the move refused naming that person', () => {
    const before = history(openRecord(), confirm(victim));
    const events = decide(accepted(), given(...before), now);
    expect(events.map((event) => event.type)).toEqual([HOUSEHOLD_HANDED_OVER, HOUSEHOLD_PHASE_CHANGE_REFUSED]);
    expect(refusalIn(events)).toMatchObject({
      command: 'RegisterHandover',
      phase: 'directe-veiligheid',
      reason: 'immediate-safety-not-confirmed',
      missing: [{ fact: 'immediate-safety-confirmed', personId: child.personId, role: 'child-involved' }],
    });
    const after = recorded(...before, ...events);
    expect(after.phase).toBe('directe-veiligheid');
    expect(zichtOpVeiligheid(after).map((handover) => handover.partnerId)).toEqual(['lokaal-team-gm0363']);
  });

  it('given duurzame-veiligheid, when a partner accepts, then only the handover is recorded', () => {
    const events = decide(accepted(), given(...inDuurzameVeiligheid()), now);
    expect(events.map((event) => event.type)).toEqual([HOUSEHOLD_HANDED_OVER]);
  });

  it('given a handover of this referral on the record, when the acceptance arrives again, then nothing new is recorded', () => {
    const before = history(...[openRecord(), confirm(victim), confirm(child), accepted()]);
    expect(decide(accepted(), given(...before), now)).toEqual([]);
  });

  it('given a handover, when an acute incident sends the household back to directe-veiligheid, then zicht op veiligheid is back with Veilig Thuis', () => {
    const before = history(openRecord(), confirm(victim), confirm(child), accepted());
    const after = recorded(...before, ...decide(acuteIncident(), given(...before), now));
    expect(after.phase).toBe('directe-veiligheid');
    expect(zichtOpVeiligheid(after)).toEqual([]);
    expect(after.handovers[0]?.endedAt).toBe(now.toISOString());
  });

  it('given no record, when a partner accepts, then it throws: there is no record to put it on', () => {
    expect(() => decide(accepted(), given(), now)).toThrow('RegisterHandover refused: the household has no record');
  });
});

describe('handover: completion and failure', () => {
  it('given a handover, when the partner reports its work done, then the completion is recorded once and the phase stays', () => {
    const before = history(openRecord(), confirm(victim), confirm(child), accepted());
    const events = decide(completed(), given(...before), now);
    const { type: _command, ...fact } = completed();
    expect(events).toEqual([{ type: HOUSEHOLD_HANDOVER_COMPLETED, data: { householdId, ...fact } }]);
    const after = recorded(...before, ...events);
    expect(after.phase).toBe('duurzame-veiligheid');
    expect(after.handovers[0]?.completedAt).toBe(completed().completedAt);
    expect(decide(completed(), after, now)).toEqual([]);
  });

  it('given directe-veiligheid, when nobody could be found to take the household over, then the failure is recorded, the phase stays and Veilig Thuis keeps zicht op veiligheid', () => {
    const before = inDirecteVeiligheid();
    const events = decide(nobodyTakesOver(), given(...before), now);
    expect(events).toEqual([
      {
        type: HOUSEHOLD_HANDOVER_FAILED_V2,
        data: {
          householdId,
          referralId,
          wanted: 'lokaal-team',
          reasonCode: nobodyTakesOver().reasonCode,
          triedPartnerIds: ['lokaal-team-gm0363', 'mdt-haaglanden'],
          failedAt: nobodyTakesOver().failedAt,
          basis: nobodyTakesOver().basis,
          actor: system,
        },
      },
    ]);
    const after = recorded(...before, ...events);
    expect(after.phase).toBe('directe-veiligheid');
    expect(zichtOpVeiligheid(after)).toEqual([]);
    expect(after.handoverFailures.map((failure) => failure.referralId)).toEqual([referralId]);
    expect(decide(nobodyTakesOver(), after, now)).toEqual([]);
  });

  it('given a failed handover, when a later overdracht is accepted, then the failure is no longer open', () => {
    const before = history(openRecord(), confirm(victim), confirm(child), nobodyTakesOver(), accepted(secondReferralId, 'mdt-haaglanden'));
    const after = recorded(...before);
    expect(after.handoverFailures).toEqual([]);
    expect(zichtOpVeiligheid(after).map((handover) => handover.partnerId)).toEqual(['mdt-haaglanden']);
    expect(after.phase).toBe('duurzame-veiligheid');
  });
});

describe('handover rules: which referral facts hand zicht op veiligheid over', () => {
  const referral = (purpose?: IssuedReferral['purpose'], outcome?: string): IssuedReferral => ({
    referralId,
    householdId,
    partnerId: 'lokaal-team-gm0363',
    partnerType: 'lokaal-team',
    ...(purpose ? { purpose } : {}),
    ...(outcome ? { outcome } : {}),
  });
  const event = { type: 'nl.veiligthuis.referral.ReferralAccepted.v1', id: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a51' };
  const acceptedData: ReferralAcceptedData = { referralId, householdId, partnerId: 'lokaal-team-gm0363', acceptedAt: '2026-11-28T09:55:00.000Z', answeredBy: 'medewerker-1', answerId: 'a-1' };

  it.each([
    ['overdracht', undefined, true],
    ['verzoek-onderzoek', 'verzoek-rvdk', false],
    ['voorwaarden', 'voorwaarden-en-vervolg', false],
    ['informeren', 'verzoek-rvdk', false],
    [undefined, 'overdracht-lokaal-team', true],
    [undefined, 'verzoek-rvdk', false],
    [undefined, undefined, false],
  ] as const)('a referral with purpose %s and outcome %s hands over: %s', (purpose, outcome, expected) => {
    expect(handsOverZichtOpVeiligheid(referral(purpose, outcome))).toBe(expected);
  });

  it('turns an accepted overdracht into a handover resting on the acceptance and the outcome', () => {
    expect(onReferralAccepted(acceptedData, referral('overdracht', 'overdracht'), event, system)).toEqual({
      type: 'RegisterHandover',
      referralId,
      partnerId: 'lokaal-team-gm0363',
      partnerType: 'lokaal-team',
      acceptedAt: acceptedData.acceptedAt,
      basis: { eventType: event.type, eventId: event.id, outcome: 'overdracht' },
      actor: system,
    });
  });

  it('turns nothing else into a handover: an accepted RvdK request or voorwaarden referral, or a completion of one', () => {
    expect(onReferralAccepted(acceptedData, referral('verzoek-onderzoek'), event, system)).toBeUndefined();
    expect(onReferralAccepted(acceptedData, referral('voorwaarden'), event, system)).toBeUndefined();
    expect(onReferralCompleted({ referralId, householdId, partnerId: 'x', completedAt: acceptedData.acceptedAt, completedBy: 'm', answerId: 'a' }, referral('informeren'), event, system)).toBeUndefined();
  });

  it('takes a routing failure after an overdracht referral for a failed handover, and one that follows no referral for nothing', () => {
    const failed: ReferralRoutingFailedV2Data = {
      householdId,
      wanted: 'lokaal-team',
      reasonCode: 'no-partner-left',
      afterReferralId: referralId,
      triedPartnerIds: ['lokaal-team-gm0363'],
      directoryVersion: '2026-11-29.1',
      recordedAt: '2026-11-28T09:58:00.000Z',
      actor: 'system:referral',
    };
    expect(onReferralRoutingFailed(failed, referral('overdracht'), event, system)).toMatchObject({ type: 'RegisterHandoverFailed', referralId, wanted: 'lokaal-team', failedAt: failed.recordedAt, triedPartnerIds: ['lokaal-team-gm0363'] });
    expect(onReferralRoutingFailed(failed, referral('voorwaarden'), event, system)).toBeUndefined();
    expect(onReferralRoutingFailed({ ...failed, afterReferralId: undefined }, undefined, event, system)).toBeUndefined();
  });

  describe('a routing failure before any referral (nobody fitted from the start)', () => {
    const fromTheStart: ReferralRoutingFailedV2Data = {
      householdId,
      wanted: 'lokaal-team',
      reasonCode: 'no-partner-for-place',
      purpose: 'overdracht',
      outcome: 'overdracht-lokaal-team',
      triedPartnerIds: [],
      directoryVersion: '2026-11-29.1',
      recordedAt: '2026-11-28T09:58:00.000Z',
      actor: 'system:referral',
    };
    const failedEvent = { type: 'nl.veiligthuis.referral.ReferralRoutingFailed.v1', id: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a54' };

    it('for an overdracht, becomes a failed handover naming no referral and resting on the routing failure and the outcome', () => {
      expect(onReferralRoutingFailed(fromTheStart, undefined, failedEvent, system)).toEqual({
        type: 'RegisterHandoverFailed',
        wanted: 'lokaal-team',
        reasonCode: fromTheStart.reasonCode,
        triedPartnerIds: [],
        failedAt: fromTheStart.recordedAt,
        basis: { eventType: failedEvent.type, eventId: failedEvent.id, outcome: 'overdracht-lokaal-team' },
        actor: system,
      });
    });

    it('for anything but an overdracht (RvdK request, voorwaarden, informing the gemeente), becomes nothing', () => {
      expect(onReferralRoutingFailed({ ...fromTheStart, purpose: 'verzoek-onderzoek', outcome: 'verzoek-rvdk', wanted: 'rvdk' }, undefined, failedEvent, system)).toBeUndefined();
      expect(onReferralRoutingFailed({ ...fromTheStart, purpose: 'voorwaarden', outcome: 'voorwaarden-en-vervolg' }, undefined, failedEvent, system)).toBeUndefined();
      expect(onReferralRoutingFailed({ ...fromTheStart, purpose: 'informeren' }, undefined, failedEvent, system)).toBeUndefined();
    });

    it('without a purpose, goes by the outcome: an overdracht outcome is a failed handover, another is nothing', () => {
      const { purpose: _purpose, ...withoutPurpose } = fromTheStart;
      expect(onReferralRoutingFailed(withoutPurpose, undefined, failedEvent, system)).toMatchObject({ type: 'RegisterHandoverFailed', wanted: 'lokaal-team' });
      expect(onReferralRoutingFailed({ ...withoutPurpose, outcome: 'verzoek-rvdk' }, undefined, failedEvent, system)).toBeUndefined();
    });

    it('after a referral that was never seen issued, is not guessed at from its own purpose', () => {
      expect(onReferralRoutingFailed({ ...fromTheStart, afterReferralId: referralId }, undefined, failedEvent, system)).toBeUndefined();
    });

    it('is recorded once on the household: HouseholdHandoverFailed without a referral id, the phase stays, the same failure again adds nothing', () => {
      const before = inDirecteVeiligheid();
      const command = onReferralRoutingFailed(fromTheStart, undefined, failedEvent, system);
      if (!command) throw new Error('expected a failed handover');
      const events = decide(command, given(...before), now);
      expect(events).toEqual([
        {
          type: HOUSEHOLD_HANDOVER_FAILED_V2,
          data: { householdId, wanted: 'lokaal-team', reasonCode: fromTheStart.reasonCode, triedPartnerIds: [], failedAt: fromTheStart.recordedAt, basis: command.basis, actor: system },
        },
      ]);
      const after = recorded(...before, ...events);
      expect(after.phase).toBe('directe-veiligheid');
      expect(zichtOpVeiligheid(after)).toEqual([]);
      expect(after.handoverFailures).toEqual([{ wanted: 'lokaal-team', reasonCode: fromTheStart.reasonCode, failedAt: fromTheStart.recordedAt, basis: command.basis }]);
      expect(decide(command, after, now)).toEqual([]);
      const another = onReferralRoutingFailed(fromTheStart, undefined, { ...failedEvent, id: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a55' }, system);
      if (!another) throw new Error('expected a failed handover');
      expect(decide(another, after, now).map((event) => event.type)).toEqual([HOUSEHOLD_HANDOVER_FAILED_V2]);
    });
  });
});
