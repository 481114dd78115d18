import { EncryptedText, PersonRef } from '@vt/contracts';
import { decide, evolve, HouseholdCommand, HouseholdEvent, OpenHouseholdRecord, PhaseMove, RegisterHandover, RegisterHandoverCompleted, RegisterHandoverFailed, RegisterMelding, WorkflowCommand } from './household.decider';
import { refusalIn } from './household.refusals';
import { HouseholdState, initialHouseholdState } from './household.state';

/** Test vocabulary for the household decider: commands by name, and the histories that lead to each phase. */
export const householdId = '0b0e5c4e-8f3f-4a44-9c51-6f4f3f2c1a10';
export const victim: PersonRef = { personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a01', role: 'victim' };
export const child: PersonRef = { personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a02', role: 'child-involved' };
export const partner: PersonRef = { personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a03', role: 'suspected-perpetrator' };
export const investigator = 'user:investigator-17';
export const system = 'system:safety-investigation';

export const now = new Date('2026-11-28T10:00:00.000Z');
export const minutesLater = (minutes: number): Date => new Date(now.getTime() + minutes * 60_000);

export const firstMelding = { meldingId: '7d0b2d7e-3f0a-4a57-8a11-0c9e4b1d2a33', acuteCheckId: '1f2e3d4c-5b6a-4789-8abc-def012345678' };
export const laterMelding = { meldingId: '7d0b2d7e-3f0a-4a57-8a11-0c9e4b1d2a34', acuteCheckId: '1f2e3d4c-5b6a-4789-8abc-def012345679' };

export function openRecord(persons: PersonRef[] = [victim, child], acute = true): OpenHouseholdRecord {
  return { type: 'OpenHouseholdRecord', householdId, gemeenteCode: 'GM0363', persons, basedOn: { ...firstMelding, acute }, actor: system };
}

export function melding(options: { acute: boolean; persons?: PersonRef[] }): RegisterMelding {
  return { type: 'RegisterMelding', ...laterMelding, acute: options.acute, persons: options.persons ?? [victim, partner], actor: system };
}

/**
 * A stand-in for free text sealed by libs/privacy under the key of `subjectId` (ADR 0020): the shape of
 * `EncryptedText`, opaque to the decider, which must check whose it is and keep it exactly as it is. Not
 * encryption (the words are only base64url-encoded so that a test can tell two values apart).
 */
export function sealed(subjectId: string, words: string): EncryptedText {
  return { personId: subjectId, keyId: '00000000-0000-4000-8000-00000000c0de', alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: Buffer.from(words, 'utf8').toString('base64url'), tag: 'AAAAAAAAAAAAAAAAAAAAAA' };
}
/** Text about the household as a whole: sealed under the household's key (`personId` = the household id). */
export const aboutHousehold = (words: string): EncryptedText => sealed(householdId, words);

export const confirm = (person: PersonRef, how = 'seen in person at a safe address'): WorkflowCommand => ({ type: 'ConfirmImmediateSafety', personId: person.personId, how: sealed(person.personId, how), actor: investigator });
export const conditionsText = aboutHousehold('no contact between the partners without supervision | the child goes to school every day');
export const conditions = (handedOverTo: string[] = ['lokaal-team-gm0363']): WorkflowCommand => ({
  type: 'RecordSafetyConditions',
  conditions: conditionsText,
  conditionCount: 2,
  handedOverTo,
  actor: investigator,
});
export const monitoringReason = (stable: boolean): EncryptedText => aboutHousehold(stable ? 'school and lokaal team report calm' : 'school reports new bruises');
export const monitoring = (stable: boolean): WorkflowCommand => ({ type: 'RecordMonitoringResult', stable, reason: monitoringReason(stable), actor: investigator });
const move = (type: PhaseMove['type'], explanation: string): PhaseMove => ({ type, explanation: aboutHousehold(explanation), actor: investigator });
export const toDuurzameVeiligheid = (): PhaseMove => move('MoveToDuurzameVeiligheid', 'everyone is safe for now; the risk factors come next');
export const toHerstel = (): PhaseMove => move('MoveToHerstel', 'conditions hold and safety is stable');
export const acuteIncident = (): PhaseMove => move('RegisterAcuteIncident', 'police report new violence last night');
export const close = (): PhaseMove => move('CloseHousehold', 'safety is lasting; no further involvement of Veilig Thuis');

export const referralId = '3c9d7a10-6b2e-4f11-9a0d-7e5f4c3b2a01';
export const secondReferralId = '3c9d7a10-6b2e-4f11-9a0d-7e5f4c3b2a02';
export const accepted = (id = referralId, partnerId = 'lokaal-team-gm0363'): RegisterHandover => ({
  type: 'RegisterHandover',
  referralId: id,
  partnerId,
  partnerType: partnerId.startsWith('mdt') ? 'mdt' : 'lokaal-team',
  acceptedAt: minutesLater(-5).toISOString(),
  basis: { eventType: 'nl.veiligthuis.referral.ReferralAccepted.v1', eventId: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a51', outcome: 'overdracht' },
  actor: system,
});
export const completed = (id = referralId): RegisterHandoverCompleted => ({
  type: 'RegisterHandoverCompleted',
  referralId: id,
  partnerId: 'lokaal-team-gm0363',
  partnerType: 'lokaal-team',
  completedAt: minutesLater(-3).toISOString(),
  basis: { eventType: 'nl.veiligthuis.referral.ReferralCompleted.v1', eventId: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a52', outcome: 'overdracht' },
  actor: system,
});
export const nobodyTakesOver = (id = referralId): RegisterHandoverFailed => ({
  type: 'RegisterHandoverFailed',
  referralId: id,
  wanted: 'lokaal-team',
  reasonCode: 'no-partner-left',
  triedPartnerIds: ['lokaal-team-gm0363', 'mdt-haaglanden'],
  failedAt: minutesLater(-4).toISOString(),
  basis: { eventType: 'nl.veiligthuis.referral.ReferralRoutingFailed.v1', eventId: 'b7a3f9e2-1d4c-4e8a-9f6b-0c2d1e3f4a53', outcome: 'overdracht' },
  actor: system,
});

export function given(...events: HouseholdEvent[]): HouseholdState {
  return events.reduce(evolve, initialHouseholdState);
}

/** The events a sequence of commands records, each decided one minute after the one before; none may be refused. */
export function history(...commands: HouseholdCommand[]): HouseholdEvent[] {
  const events: HouseholdEvent[] = [];
  commands.forEach((command, i) => {
    const decided = decide(command, given(...events), minutesLater(i - commands.length));
    const refusal = refusalIn(decided);
    if (refusal) throw new Error(`history step ${i} (${command.type}) was refused: ${refusal.reason}`);
    events.push(...decided);
  });
  return events;
}

export const inDirecteVeiligheid = (): HouseholdEvent[] => history(openRecord());
export const everyoneConfirmed = (): HouseholdEvent[] => history(openRecord(), confirm(victim), confirm(child));
export const inDuurzameVeiligheid = (): HouseholdEvent[] => history(openRecord(), confirm(victim), confirm(child), toDuurzameVeiligheid());
export const readyForHerstel = (): HouseholdEvent[] => history(openRecord(), confirm(victim), confirm(child), toDuurzameVeiligheid(), conditions(), monitoring(true));
export const inHerstel = (): HouseholdEvent[] => history(openRecord(), confirm(victim), confirm(child), toDuurzameVeiligheid(), conditions(), monitoring(true), toHerstel());
export const closed = (): HouseholdEvent[] => history(openRecord(), close());
