import { Injectable } from '@nestjs/common';

/** Which of the service's consumer groups have joined; part of readiness. */
@Injectable()
export class ConsumerGroupStatus {
  private readonly joined = new Map<string, boolean>();

  expect(groupId: string): void {
    this.joined.set(groupId, false);
  }

  mark(groupId: string, joined: boolean): void {
    this.joined.set(groupId, joined);
  }

  /** A group that no longer runs (e.g. one whose run-time topics are none now); readiness stops waiting for it. */
  forget(groupId: string): void {
    this.joined.delete(groupId);
  }

  /** Every expected group, joined or not. */
  groups(): { consumerGroup: string; joined: boolean }[] {
    return [...this.joined].map(([consumerGroup, joined]) => ({ consumerGroup, joined }));
  }

  allJoined(): boolean {
    return [...this.joined.values()].every(Boolean);
  }

  waiting(): string[] {
    return [...this.joined].filter(([, joined]) => !joined).map(([group]) => group);
  }
}
