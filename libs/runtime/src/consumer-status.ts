import { Injectable } from '@nestjs/common';

/** Which of the service's consumer groups have joined, and why one has not; part of readiness. */
@Injectable()
export class ConsumerGroupStatus {
  private readonly joined = new Map<string, { joined: boolean; reason?: string; since: Date }>();

  expect(groupId: string): void {
    this.joined.set(groupId, { joined: false, reason: 'starting', since: new Date() });
  }

  mark(groupId: string, joined: boolean, reason?: string): void {
    const known = this.joined.get(groupId);
    // "Since" is when it stopped being in its group, not the latest of several failed attempts.
    const since = known && known.joined === joined ? known.since : new Date();
    this.joined.set(groupId, { joined, ...(joined ? {} : { reason: reason ?? known?.reason ?? 'not joined' }), since });
  }

  /** A group that no longer runs (e.g. one whose run-time topics are none now); readiness stops waiting for it. */
  forget(groupId: string): void {
    this.joined.delete(groupId);
  }

  /** Every expected group, joined or not, with since when it is in that state and, when not joined, why. */
  groups(): { consumerGroup: string; joined: boolean; since: string; reason?: string }[] {
    return [...this.joined].map(([consumerGroup, state]) => ({ consumerGroup, joined: state.joined, since: state.since.toISOString(), ...(state.joined ? {} : { reason: state.reason ?? 'not joined' }) }));
  }

  allJoined(): boolean {
    return [...this.joined.values()].every((group) => group.joined);
  }

  waiting(): string[] {
    return [...this.joined].filter(([, group]) => !group.joined).map(([groupId]) => groupId);
  }

  /** The groups not in their group, with why and since when. */
  notJoined(): { group: string; since: string; reason: string }[] {
    return [...this.joined]
      .filter(([, group]) => !group.joined)
      .map(([group, state]) => ({ group, since: state.since.toISOString(), reason: state.reason ?? 'not joined' }));
  }
}
