import type { BranchSyncJobFieldsFragment } from '../../gql/graphql';

export type BranchSyncJob = BranchSyncJobFieldsFragment;

/**
 * Each connection's newest job among `jobs` (newest first, as the sync log
 * answers) that `concerns` picks: what that provider last said about the
 * change. A connection with no such job is absent.
 */
export function newestPerConnection(
  jobs: readonly BranchSyncJob[],
  concerns: (job: BranchSyncJob) => boolean = () => true,
): Map<string, BranchSyncJob> {
  const newest = new Map<string, BranchSyncJob>();
  for (const job of jobs) {
    if (newest.has(job.connection.id) || !concerns(job)) continue;
    newest.set(job.connection.id, job);
  }
  return newest;
}

/** The items an AVAILABILITY job's canonical request names (docs/control-plane.md, "The sync job"). */
export function availabilityItemIds(job: BranchSyncJob): string[] {
  const request = job.request as { items?: { itemId?: unknown }[] } | null;
  return (request?.items ?? []).flatMap((item) => (typeof item.itemId === 'string' ? [item.itemId] : []));
}

/** Whole seconds from `now` to `until`; null when there is no end or it has passed. */
export function secondsLeft(until: string | null | undefined, now: number): number | null {
  if (!until) return null;
  const seconds = Math.ceil((Date.parse(until) - now) / 1000);
  return seconds > 0 ? seconds : null;
}
