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

  allJoined(): boolean {
    return [...this.joined.values()].every(Boolean);
  }

  waiting(): string[] {
    return [...this.joined].filter(([, joined]) => !joined).map(([group]) => group);
  }
}
