import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { BRANCH_CHOICES } from './branch.operations';

export type BranchChoice = { id: string; name: string; timeZone: string };

/** The tenant's branches and the one picked (the first until another is). */
export function useBranchChoice() {
  const query = useQuery(BRANCH_CHOICES);
  const [picked, setPicked] = useState<string | null>(null);
  const branches: readonly BranchChoice[] = query.data?.branches ?? [];
  const branch = branches.find((b) => b.id === picked) ?? branches[0] ?? null;
  return { query, branches, branch, pick: setPicked };
}
