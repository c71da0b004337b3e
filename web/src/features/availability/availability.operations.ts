import { graphql } from '../../gql';

export const BRANCH_AVAILABILITY = graphql(`
  query BranchAvailability($branchId: ID!) {
    branchAvailability(branchId: $branchId) {
      branchId
      state
      until
      updatedAt
      item {
        id
        ref
        externalPosId
        name {
          en
          ar
        }
      }
    }
  }
`);

export const SET_ITEM_AVAILABILITY = graphql(`
  mutation SetItemAvailability($input: SetItemAvailabilityInput!) {
    setItemAvailability(input: $input) {
      ...BranchSyncJobFields
    }
  }
`);
