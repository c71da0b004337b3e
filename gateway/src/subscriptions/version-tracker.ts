/**
 * What one subscription has been sent of each versioned subject (an order):
 * the last version it handled. Announcements can repeat or overtake each
 * other (two publishers, a reconnecting bus); with this a subscriber gets
 * every version once and in order:
 * - a version at or below the last one handled is skipped (a repeat, or late);
 * - a version more than one above it first reads the ones in between (at
 *   most `MAX_GAP` of them), so a lost announcement leaves no gap once the
 *   subject changes again;
 * - the first version heard of a subject is read alone (what came before the
 *   subscription is not replayed).
 * Bounded: the least recently changed subjects are forgotten past `capacity`
 * (a forgotten subject counts as never heard of).
 */
export class VersionTracker {
  static readonly MAX_GAP = 20;

  private readonly last = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  /** The versions to read, oldest first, for an announcement of `version` (empty: nothing new). */
  versionsFor(subject: string, version: number): number[] {
    const last = this.last.get(subject);
    if (last !== undefined && version <= last) return [];
    const from = last === undefined ? version : Math.max(last + 1, version - VersionTracker.MAX_GAP);
    this.last.delete(subject);
    this.last.set(subject, version);
    if (this.last.size > this.capacity) this.last.delete(this.last.keys().next().value!);
    return Array.from({ length: version - from + 1 }, (_, i) => from + i);
  }
}
