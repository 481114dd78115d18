/**
 * Where a read of the log stops: the high-water mark of every partition as fetched at the start. Records
 * produced after that are not part of this reading, so the read always ends.
 */
export class StopOffsets {
  private readonly remaining = new Map<string, bigint>();
  private readonly finished = new Map<string, bigint>();

  /** `offsets`: per topic, each partition's low and high water marks (kafkajs `fetchTopicOffsets`). */
  constructor(offsets: { topic: string; partitions: { partition: number; low: string; high: string }[] }[]) {
    for (const { topic, partitions } of offsets) {
      for (const { partition, low, high } of partitions) {
        if (BigInt(high) > BigInt(low)) this.remaining.set(StopOffsets.keyOf(topic, partition), BigInt(high));
      }
    }
  }

  private static keyOf(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  /** Whether a record at `offset` belongs to this reading (it lies below the partition's stop offset). */
  includes(topic: string, partition: number, offset: string): boolean {
    const stop = this.stopOf(topic, partition);
    return stop !== undefined && BigInt(offset) < stop;
  }

  private stopOf(topic: string, partition: number): bigint | undefined {
    const key = StopOffsets.keyOf(topic, partition);
    return this.remaining.get(key) ?? this.finished.get(key);
  }

  /** The consumer got as far as `lastOffset` in the partition (data or control record). */
  reached(topic: string, partition: number, lastOffset: string): void {
    const key = StopOffsets.keyOf(topic, partition);
    const stop = this.remaining.get(key);
    if (stop !== undefined && BigInt(lastOffset) + 1n >= stop) {
      this.remaining.delete(key);
      this.finished.set(key, stop);
    }
  }

  /** Whether every partition of `topic` is read to its stop offset (or it had nothing to read). */
  doneWith(topic: string): boolean {
    const start = `${topic}\u0000`;
    for (const key of this.remaining.keys()) if (key.startsWith(start)) return false;
    return true;
  }

  get done(): boolean {
    return this.remaining.size === 0;
  }

  /** Partitions not read to their stop offset yet, as `topic/partition`. */
  pending(): string[] {
    return [...this.remaining.keys()].map((key) => key.replace('\u0000', '/'));
  }
}
