import { admittedOrganisation, regionPolicy, SignalMatchingPolicy } from './policy';

/**
 * The signals of one pseudonym (one young person, as the organisations' shared key names them) and the pairs of
 * signals already matched. A repository loads it by pseudonym; the decider never sees the pseudonym itself.
 */
export type SignalStatus = 'active' | 'withdrawn' | 'expired';

export interface Signal {
  signalId: string;
  organisationId: string;
  region: string;
  legalBasis: string;
  expiresAt: Date;
  status: SignalStatus;
}

export interface PseudonymState {
  signals: Signal[];
  /** Pairs of signal ids matched so far (`pairKey`). */
  matched: string[];
}

export const initialState = (): PseudonymState => ({ signals: [], matched: [] });

export interface RegisterSignal {
  type: 'RegisterSignal';
  organisationId: string;
  region: string;
  /** `YYYY-MM`: the month the young person was born in; the least the age limit can be checked with. */
  birthMonth: string;
  /** The id a new signal gets (ignored when an active signal is renewed). */
  signalId: string;
  /** Ids for the matches this registration makes. */
  nextMatchId: () => string;
}

export interface WithdrawSignal {
  type: 'WithdrawSignal';
  signalId: string;
  organisationId: string;
}

export interface ExpireSignal {
  type: 'ExpireSignal';
  signalId: string;
}

export type SignalCommand = RegisterSignal | WithdrawSignal | ExpireSignal;

export interface MatchSide {
  signalId: string;
  organisationId: string;
  region: string;
  legalBasis: string;
}

export type SignalEvent =
  | { type: 'SignalRegistered'; signalId: string; organisationId: string; region: string; legalBasis: string; expiresAt: Date; renewed: boolean; at: Date }
  | { type: 'SignalWithdrawn'; signalId: string; organisationId: string; region: string; at: Date }
  | { type: 'SignalExpired'; signalId: string; organisationId: string; region: string; at: Date }
  | { type: 'SignalsMatched'; matchId: string; signals: [MatchSide, MatchSide]; at: Date };

export type RefusalCode = 'region-not-opted-in' | 'organisation-not-admitted' | 'birth-month-invalid' | 'over-age-limit' | 'signal-not-found' | 'signal-not-active';

export interface Refusal {
  code: RefusalCode;
  /** The request field the refusal is about, when it is about one. */
  field?: string;
  message: string;
}

export type Decision = { ok: true; events: SignalEvent[] } | { ok: false; refusal: Refusal };

const refuse = (code: RefusalCode, message: string, field?: string): Decision => ({ ok: false, refusal: { code, message, ...(field ? { field } : {}) } });

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function isActive(signal: Signal, now: Date): boolean {
  return signal.status === 'active' && signal.expiresAt.getTime() > now.getTime();
}

/**
 * The first moment a young person born in `birthMonth` may no longer be signalled: the first day of the month after
 * the one in which they reach `ageLimitYears` (UTC). Only the month is known, so a signal may run up to a month past the
 * birthday itself; never longer ([verify] with the region's legal basis).
 */
export function ageLimitEnd(birthMonth: string, ageLimitYears: number): Date {
  const [year, month] = birthMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year + ageLimitYears, month, 1));
}

const BIRTH_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Rule: only a region that opted in takes signals, and refuses the same way whatever it holds (it holds nothing). */
function regionOptedIn(policy: SignalMatchingPolicy, region: string): Decision | undefined {
  const r = regionPolicy(policy, region);
  if (!r?.optedIn || !r.legalBasis) return refuse('region-not-opted-in', `region ${region} does not take part in signal matching`, 'region');
  return undefined;
}

/** Rule: only an organisation the region admitted may signal there. */
function organisationAdmitted(policy: SignalMatchingPolicy, region: string, organisationId: string): Decision | undefined {
  if (!admittedOrganisation(policy, region, organisationId)) return refuse('organisation-not-admitted', `organisation ${organisationId} is not admitted to signal matching in region ${region}`);
  return undefined;
}

/** Rule: the young person is under the age limit (by birth month), and born already. */
function underAgeLimit(policy: SignalMatchingPolicy, birthMonth: string, now: Date): Decision | undefined {
  const match = BIRTH_MONTH.exec(birthMonth);
  if (!match) return refuse('birth-month-invalid', 'birthMonth must be the month of birth as YYYY-MM', 'birthMonth');
  if (Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) > now.getTime()) return refuse('birth-month-invalid', 'birthMonth lies in the future', 'birthMonth');
  if (ageLimitEnd(birthMonth, policy.ageLimitYears).getTime() <= now.getTime()) {
    return refuse('over-age-limit', `signal matching is for young people under ${policy.ageLimitYears}; this birthMonth is past that`, 'birthMonth');
  }
  return undefined;
}

/** Rule: a match only between active signals of different organisations, each in a region that (still) opted in; each pair once. */
function newMatches(policy: SignalMatchingPolicy, state: PseudonymState, own: MatchSide, now: Date, nextMatchId: () => string): SignalEvent[] {
  const matched = new Set(state.matched);
  return state.signals
    .filter((other) => isActive(other, now) && other.organisationId !== own.organisationId && other.signalId !== own.signalId)
    .filter((other) => regionPolicy(policy, other.region)?.optedIn === true)
    .filter((other) => !matched.has(pairKey(own.signalId, other.signalId)))
    .map((other) => ({
      type: 'SignalsMatched' as const,
      matchId: nextMatchId(),
      signals: [own, { signalId: other.signalId, organisationId: other.organisationId, region: other.region, legalBasis: other.legalBasis }] as [MatchSide, MatchSide],
      at: now,
    }));
}

export function decide(command: SignalCommand, state: PseudonymState, policy: SignalMatchingPolicy, now: Date): Decision {
  switch (command.type) {
    case 'RegisterSignal': {
      const refused = regionOptedIn(policy, command.region) ?? organisationAdmitted(policy, command.region, command.organisationId) ?? underAgeLimit(policy, command.birthMonth, now);
      if (refused) return refused;
      const legalBasis = regionPolicy(policy, command.region)?.legalBasis as string;
      const expiresAt = new Date(Math.min(now.getTime() + policy.termMs, ageLimitEnd(command.birthMonth, policy.ageLimitYears).getTime()));
      // Rule: one active signal per organisation and pseudonym; registering again extends it.
      const existing = state.signals.find((s) => s.organisationId === command.organisationId && isActive(s, now));
      const own: MatchSide = existing
        ? { signalId: existing.signalId, organisationId: existing.organisationId, region: existing.region, legalBasis: existing.legalBasis }
        : { signalId: command.signalId, organisationId: command.organisationId, region: command.region, legalBasis };
      const registered: SignalEvent = { type: 'SignalRegistered', ...own, expiresAt: existing && existing.expiresAt > expiresAt ? existing.expiresAt : expiresAt, renewed: Boolean(existing), at: now };
      return { ok: true, events: [registered, ...newMatches(policy, state, own, now, command.nextMatchId)] };
    }
    case 'WithdrawSignal': {
      // Rule: an organisation withdraws only its own signal; another's is as unknown as one that never existed.
      const signal = state.signals.find((s) => s.signalId === command.signalId && s.organisationId === command.organisationId);
      if (!signal) return refuse('signal-not-found', `no signal ${command.signalId} of organisation ${command.organisationId}`, 'signalId');
      if (signal.status !== 'active') return refuse('signal-not-active', `signal ${command.signalId} already ended (${signal.status})`, 'signalId');
      return { ok: true, events: [{ type: 'SignalWithdrawn', signalId: signal.signalId, organisationId: signal.organisationId, region: signal.region, at: now }] };
    }
    case 'ExpireSignal': {
      // Rule: a signal expires once, at or after its expiry time; anything else is a no-op (timers fire more than once).
      const signal = state.signals.find((s) => s.signalId === command.signalId);
      if (!signal || signal.status !== 'active' || signal.expiresAt.getTime() > now.getTime()) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'SignalExpired', signalId: signal.signalId, organisationId: signal.organisationId, region: signal.region, at: now }] };
    }
  }
}

export function evolve(state: PseudonymState, event: SignalEvent): PseudonymState {
  switch (event.type) {
    case 'SignalRegistered': {
      const others = state.signals.filter((s) => s.signalId !== event.signalId);
      const signal: Signal = { signalId: event.signalId, organisationId: event.organisationId, region: event.region, legalBasis: event.legalBasis, expiresAt: event.expiresAt, status: 'active' };
      return { ...state, signals: [...others, signal] };
    }
    case 'SignalWithdrawn':
    case 'SignalExpired': {
      const status: SignalStatus = event.type === 'SignalWithdrawn' ? 'withdrawn' : 'expired';
      return { ...state, signals: state.signals.map((s) => (s.signalId === event.signalId ? { ...s, status } : s)) };
    }
    case 'SignalsMatched':
      return { ...state, matched: [...state.matched, pairKey(event.signals[0].signalId, event.signals[1].signalId)] };
  }
}
