import { graphql } from '../../gql';

export const BRANCH_STORE_STATUS = graphql(`
  query BranchStoreStatus($branchId: ID!) {
    storeStatus(branchId: $branchId) {
      branchId
      status
      until
      reason
      updatedAt
      busy {
        prepMinutes
        until
      }
      openingHours {
        day
        start
        end
      }
      connections {
        connection {
          id
          name
          provider
        }
        requested {
          ...BranchSyncJobFields
        }
        confirmed {
          ...BranchSyncJobFields
        }
      }
    }
  }
`);

export const SET_STORE_STATUS = graphql(`
  mutation SetStoreStatus($input: SetStoreStatusInput!) {
    setStoreStatus(input: $input) {
      ...BranchSyncJobFields
    }
  }
`);

export const SET_BUSY_MODE = graphql(`
  mutation SetBusyMode($input: SetBusyModeInput!) {
    setBusyMode(input: $input) {
      ...BranchSyncJobFields
    }
  }
`);

export const SET_OPENING_HOURS = graphql(`
  mutation SetOpeningHours($input: SetOpeningHoursInput!) {
    setOpeningHours(input: $input) {
      ...BranchSyncJobFields
    }
  }
`);
