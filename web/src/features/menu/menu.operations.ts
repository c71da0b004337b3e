import { graphql } from '../../gql';

graphql(`
  fragment MenuItemRow on MenuItem {
    id
    ref
    externalPosId
    type
    name {
      en
      ar
    }
    price {
      amount
      currency
    }
    priceOverrides {
      provider
      context
      price {
        amount
        currency
      }
    }
    menuId
  }
`);

graphql(`
  fragment MenuFields on Menu {
    id
    name {
      en
      ar
    }
    currency
    branchIds
    version
    updatedAt
    categories {
      id
      ref
      name {
        en
        ar
      }
      itemIds
    }
    items {
      ...MenuItemRow
    }
    modifierGroups {
      id
      ref
    }
  }
`);

export const MENUS = graphql(`
  query Menus {
    menus {
      ...MenuFields
    }
  }
`);

/** Branches to sell a menu at, and the connections a publish can go to. */
export const MENU_TARGETS = graphql(`
  query MenuTargets {
    branches {
      id
      name
    }
    connections {
      id
      name
      provider
      status
      branch {
        id
      }
    }
  }
`);

export const IMPORT_MENU = graphql(`
  mutation ImportMenu($input: ImportMenuInput!) {
    importMenu(input: $input) {
      ...MenuFields
    }
  }
`);

export const UPDATE_MENU_ITEM = graphql(`
  mutation UpdateMenuItem($input: UpdateMenuItemInput!) {
    updateMenuItem(input: $input) {
      ...MenuItemRow
    }
  }
`);

export const PUBLISH_MENU = graphql(`
  mutation PublishMenu($menuId: ID!, $connectionIds: [ID!]) {
    publishMenu(menuId: $menuId, connectionIds: $connectionIds) {
      ...SyncJobRow
    }
  }
`);

/** A sync job of the tenant was queued or changed state: the publish results follow their jobs by it. */
export const MENU_SYNC_CHANGED = graphql(`
  subscription MenuSyncChanged {
    catalogSyncChanged {
      ...SyncJobRow
    }
  }
`);
