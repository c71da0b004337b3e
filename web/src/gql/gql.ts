/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query TenantsForSwitcher {\n    tenants {\n      id\n      name\n      currency\n    }\n  }\n": typeof types.TenantsForSwitcherDocument,
    "\n  mutation SetMyLocale($locale: Locale!, $arabicDigits: Boolean) {\n    setMyLocale(locale: $locale, arabicDigits: $arabicDigits) {\n      id\n      locale\n      arabicDigits\n    }\n  }\n": typeof types.SetMyLocaleDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      locale\n      arabicDigits\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n": typeof types.WorkspaceDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertsDocument,
    "\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertRaisedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": typeof types.ResolveAlertDocument,
    "\n  query WaitingOrders {\n    orders(filter: { status: [RECEIVED] }, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.WaitingOrdersDocument,
    "\n  subscription AttentionOrderChanged {\n    orderChanged {\n      id\n      displayCode\n      status\n      provider\n      test\n      total {\n        amount\n        currency\n      }\n      customer {\n        name\n      }\n    }\n  }\n": typeof types.AttentionOrderChangedDocument,
    "\n  query BranchAvailability($branchId: ID!) {\n    branchAvailability(branchId: $branchId) {\n      branchId\n      state\n      until\n      updatedAt\n      item {\n        id\n        ref\n        externalPosId\n        name {\n          en\n          ar\n        }\n      }\n    }\n  }\n": typeof types.BranchAvailabilityDocument,
    "\n  mutation SetItemAvailability($input: SetItemAvailabilityInput!) {\n    setItemAvailability(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": typeof types.SetItemAvailabilityDocument,
    "\n  query BranchChoices {\n    branches {\n      id\n      name\n      timeZone\n    }\n  }\n": typeof types.BranchChoicesDocument,
    "\n  fragment BranchSyncJobFields on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    request\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n      provider\n    }\n  }\n": typeof types.BranchSyncJobFieldsFragmentDoc,
    "\n  subscription BranchCatalogSyncChanged($branchId: ID) {\n    catalogSyncChanged(branchId: $branchId) {\n      ...BranchSyncJobFields\n    }\n  }\n": typeof types.BranchCatalogSyncChangedDocument,
    "\n  subscription BranchStoreStatusChanged($branchId: ID) {\n    storeStatusChanged(branchId: $branchId) {\n      branchId\n      status\n      until\n    }\n  }\n": typeof types.BranchStoreStatusChangedDocument,
    "\n  query BranchSyncJobs($branchId: ID!, $kinds: [CatalogSyncKind!]!, $first: Int!) {\n    catalogSyncJobs(filter: { branchId: $branchId, kind: $kinds }, first: $first) {\n      edges {\n        node {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n": typeof types.BranchSyncJobsDocument,
    "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n": typeof types.ConnectionChoicesDocument,
    "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      menuWarnings {\n        code\n        itemName\n      }\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        user {\n          name\n          email\n        }\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n": typeof types.OrderDetailDocument,
    "\n  fragment ConnectionFields on ProviderConnection {\n    id\n    provider\n    name\n    status\n    webhookUrl\n    externalStoreId\n    currency\n    apiBaseUrl\n    autoAccept\n    createdAt\n    archivedAt\n    securityEventsLastHour\n    branch {\n      id\n      name\n    }\n    health {\n      ...HealthFields\n    }\n  }\n": typeof types.ConnectionFieldsFragmentDoc,
    "\n  query Connections($includeArchived: Boolean) {\n    connections(includeArchived: $includeArchived) {\n      ...ConnectionFields\n    }\n    branches {\n      id\n      name\n    }\n  }\n": typeof types.ConnectionsDocument,
    "\n  mutation ConnectProvider($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      secret\n      connection {\n        ...ConnectionFields\n      }\n    }\n  }\n": typeof types.ConnectProviderDocument,
    "\n  mutation RotateConnectionSecret($id: ID!) {\n    rotateConnectionSecret(id: $id) {\n      secret\n      connection {\n        id\n        updatedAt\n      }\n    }\n  }\n": typeof types.RotateConnectionSecretDocument,
    "\n  mutation PauseConnection($id: ID!) {\n    pauseConnection(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.PauseConnectionDocument,
    "\n  mutation ResumeConnection($id: ID!) {\n    resumeConnection(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ResumeConnectionDocument,
    "\n  mutation ArchiveConnection($id: ID!) {\n    archiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n": typeof types.ArchiveConnectionDocument,
    "\n  mutation UnarchiveConnection($id: ID!) {\n    unarchiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n": typeof types.UnarchiveConnectionDocument,
    "\n  mutation SetAutoAccept($id: ID!, $autoAccept: Boolean!) {\n    updateConnection(input: { id: $id, autoAccept: $autoAccept }) {\n      id\n      autoAccept\n    }\n  }\n": typeof types.SetAutoAcceptDocument,
    "\n  mutation SendTestWebhook($connectionId: ID!, $kind: TestWebhookKind!) {\n    sendTestWebhook(connectionId: $connectionId, kind: $kind) {\n      httpStatus\n      delivered\n      idempotencyKey\n      externalId\n      error\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  subscription ConnectionOrderChanged($connectionId: ID!) {\n    orderChanged(filter: { connectionId: $connectionId }) {\n      id\n      externalId\n      displayCode\n      status\n    }\n  }\n": typeof types.ConnectionOrderChangedDocument,
    "\n  query SampleOrder($connectionId: ID!, $search: String!) {\n    orders(first: 5, filter: { connectionId: $connectionId, search: $search }) {\n      edges {\n        node {\n          id\n          externalId\n          displayCode\n          status\n        }\n      }\n    }\n  }\n": typeof types.SampleOrderDocument,
    "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n": typeof types.HealthFieldsFragmentDoc,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n        archivedAt\n      }\n    }\n  }\n": typeof types.IntegrationHealthDocument,
    "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n": typeof types.IntegrationHealthChangedDocument,
    "\n  fragment KitchenTicket on Order {\n    id\n    displayCode\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    acceptedAt\n    prepMinutes\n    updatedAt\n    notes\n    customer {\n      name\n    }\n    delivery {\n      address\n    }\n    items {\n      name\n      quantity\n      notes\n      modifiers {\n        name\n        quantity\n        modifiers {\n          name\n          quantity\n        }\n      }\n    }\n  }\n": typeof types.KitchenTicketFragmentDoc,
    "\n  query KitchenTickets($first: Int!, $after: String, $from: DateTimeISO!) {\n    orders(\n      first: $first\n      after: $after\n      filter: { status: [RECEIVED, ACCEPTED, PREPARING, READY], from: $from }\n      orderBy: { field: PLACED_AT, direction: ASC }\n    ) {\n      totalCount\n      edges {\n        node {\n          ...KitchenTicket\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.KitchenTicketsDocument,
    "\n  subscription KitchenTicketChanged {\n    orderChanged {\n      ...KitchenTicket\n    }\n  }\n": typeof types.KitchenTicketChangedDocument,
    "\n  fragment MenuItemRow on MenuItem {\n    id\n    ref\n    externalPosId\n    type\n    name {\n      en\n      ar\n    }\n    price {\n      amount\n      currency\n    }\n    priceOverrides {\n      provider\n      context\n      price {\n        amount\n        currency\n      }\n    }\n    menuId\n  }\n": typeof types.MenuItemRowFragmentDoc,
    "\n  fragment MenuFields on Menu {\n    id\n    name {\n      en\n      ar\n    }\n    currency\n    branchIds\n    version\n    updatedAt\n    categories {\n      id\n      ref\n      name {\n        en\n        ar\n      }\n      itemIds\n    }\n    items {\n      ...MenuItemRow\n    }\n    modifierGroups {\n      id\n      ref\n    }\n  }\n": typeof types.MenuFieldsFragmentDoc,
    "\n  query Menus {\n    menus {\n      ...MenuFields\n    }\n  }\n": typeof types.MenusDocument,
    "\n  query MenuTargets {\n    branches {\n      id\n      name\n    }\n    connections {\n      id\n      name\n      provider\n      status\n      branch {\n        id\n      }\n    }\n  }\n": typeof types.MenuTargetsDocument,
    "\n  mutation ImportMenu($input: ImportMenuInput!) {\n    importMenu(input: $input) {\n      ...MenuFields\n    }\n  }\n": typeof types.ImportMenuDocument,
    "\n  mutation UpdateMenuItem($input: UpdateMenuItemInput!) {\n    updateMenuItem(input: $input) {\n      ...MenuItemRow\n    }\n  }\n": typeof types.UpdateMenuItemDocument,
    "\n  mutation PublishMenu($menuId: ID!, $connectionIds: [ID!]) {\n    publishMenu(menuId: $menuId, connectionIds: $connectionIds) {\n      ...SyncJobRow\n    }\n  }\n": typeof types.PublishMenuDocument,
    "\n  subscription MenuSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n": typeof types.MenuSyncChangedDocument,
    "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    test\n    menuWarnings {\n      code\n    }\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n": typeof types.OrderRowFragmentDoc,
    "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String, $orderBy: OrderSortInput) {\n    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": typeof types.OrderRowChangedDocument,
    "\n  fragment ModifierFields on OrderItemModifier {\n    name\n    quantity\n    unitPrice {\n      amount\n      currency\n    }\n  }\n": typeof types.ModifierFieldsFragmentDoc,
    "\n  mutation AcceptOrder($id: ID!, $prepMinutes: Int) {\n    acceptOrder(id: $id, prepMinutes: $prepMinutes) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n    }\n  }\n": typeof types.AcceptOrderDocument,
    "\n  mutation RejectOrder($id: ID!, $reason: String!) {\n    rejectOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n": typeof types.RejectOrderDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String!) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation MarkPreparing($id: ID!) {\n    markPreparing(id: $id) {\n      ...OrderRow\n    }\n  }\n": typeof types.MarkPreparingDocument,
    "\n  mutation MarkReady($id: ID!) {\n    markReady(id: $id) {\n      ...OrderRow\n    }\n  }\n": typeof types.MarkReadyDocument,
    "\n  mutation MarkPickedUp($id: ID!) {\n    markPickedUp(id: $id) {\n      ...OrderRow\n    }\n  }\n": typeof types.MarkPickedUpDocument,
    "\n  mutation MarkDelivered($id: ID!) {\n    markDelivered(id: $id) {\n      ...OrderRow\n    }\n  }\n": typeof types.MarkDeliveredDocument,
    "\n  fragment MetricsBucketFields on OrderMetricsBucket {\n    bucketStart\n    provider\n    orders\n    acceptedOrders\n    decidedOrders\n    acceptanceRate\n    avgAcceptSeconds\n    revenue {\n      amount\n      currency\n    }\n  }\n": typeof types.MetricsBucketFieldsFragmentDoc,
    "\n  fragment TodayFields on TodayMetrics {\n    timeZone\n    dayStart\n    openOrders\n    providers {\n      ...MetricsBucketFields\n    }\n  }\n": typeof types.TodayFieldsFragmentDoc,
    "\n  query TodayMetrics {\n    todayMetrics {\n      ...TodayFields\n    }\n  }\n": typeof types.TodayMetricsDocument,
    "\n  subscription TodayMetricsChanged {\n    metricsChanged {\n      ...TodayFields\n    }\n  }\n": typeof types.TodayMetricsChangedDocument,
    "\n  query RevenueByProvider($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!) {\n    orderMetrics(from: $from, to: $to, bucket: $bucket) {\n      ...MetricsBucketFields\n    }\n  }\n": typeof types.RevenueByProviderDocument,
    "\n  query LatestOrders($first: Int!) {\n    orders(first: $first) {\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n    }\n  }\n": typeof types.LatestOrdersDocument,
    "\n  subscription StreamOrderChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": typeof types.StreamOrderChangedDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation InviteUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  mutation SetUserRole($id: ID!, $role: Role!) {\n    setUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    revokedAt\n    lastUsedAt\n    active\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query BranchStoreStatus($branchId: ID!) {\n    storeStatus(branchId: $branchId) {\n      branchId\n      status\n      until\n      reason\n      updatedAt\n      busy {\n        prepMinutes\n        until\n      }\n      openingHours {\n        day\n        start\n        end\n      }\n      connections {\n        connection {\n          id\n          name\n          provider\n        }\n        requested {\n          ...BranchSyncJobFields\n        }\n        confirmed {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n": typeof types.BranchStoreStatusDocument,
    "\n  mutation SetStoreStatus($input: SetStoreStatusInput!) {\n    setStoreStatus(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": typeof types.SetStoreStatusDocument,
    "\n  mutation SetBusyMode($input: SetBusyModeInput!) {\n    setBusyMode(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": typeof types.SetBusyModeDocument,
    "\n  mutation SetOpeningHours($input: SetOpeningHoursInput!) {\n    setOpeningHours(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": typeof types.SetOpeningHoursDocument,
    "\n  fragment SyncJobRow on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n    }\n  }\n": typeof types.SyncJobRowFragmentDoc,
    "\n  query CatalogSyncJobs($filter: CatalogSyncJobFilter, $first: Int!, $after: String) {\n    catalogSyncJobs(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...SyncJobRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CatalogSyncJobsDocument,
    "\n  query CatalogSyncJobDetail($id: ID!) {\n    catalogSyncJob(id: $id) {\n      ...SyncJobRow\n      request\n      answer\n    }\n  }\n": typeof types.CatalogSyncJobDetailDocument,
    "\n  mutation RetryCatalogSyncJob($id: ID!) {\n    retryCatalogSyncJob(id: $id) {\n      ...SyncJobRow\n    }\n  }\n": typeof types.RetryCatalogSyncJobDocument,
    "\n  subscription CatalogSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n": typeof types.CatalogSyncChangedDocument,
    "\n  fragment WebhookEventRow on WebhookEvent {\n    id\n    provider\n    idempotencyKey\n    status\n    attempts\n    replayCount\n    lastError\n    receivedAt\n    processedAt\n    processingMs\n    nextAttemptAt\n    connection {\n      id\n      name\n    }\n  }\n": typeof types.WebhookEventRowFragmentDoc,
    "\n  query WebhookEvents($filter: WebhookEventFilterInput, $first: Int!, $after: String) {\n    webhookEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...WebhookEventRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WebhookEventsDocument,
    "\n  query WebhookEventDetail($id: ID!) {\n    webhookEvent(id: $id) {\n      ...WebhookEventRow\n      firstAttemptAt\n      lastAttemptAt\n      headers\n      payload\n      orders {\n        id\n        displayCode\n        status\n      }\n    }\n  }\n": typeof types.WebhookEventDetailDocument,
    "\n  mutation ReplayWebhookEvent($id: ID!) {\n    replayWebhookEvent(id: $id) {\n      ...WebhookEventRow\n    }\n  }\n": typeof types.ReplayWebhookEventDocument,
    "\n  mutation ReplayDeadWebhookEvents($connectionId: ID!) {\n    replayDeadWebhookEvents(connectionId: $connectionId)\n  }\n": typeof types.ReplayDeadWebhookEventsDocument,
    "\n  query DeadWebhookEventCount($connectionId: ID!) {\n    webhookEvents(filter: { connectionId: $connectionId, status: [DEAD] }, first: 0) {\n      totalCount\n    }\n  }\n": typeof types.DeadWebhookEventCountDocument,
    "\n  subscription WebhookDeliveriesChanged {\n    integrationHealthChanged {\n      connectionId\n    }\n  }\n": typeof types.WebhookDeliveriesChangedDocument,
};
const documents: Documents = {
    "\n  query TenantsForSwitcher {\n    tenants {\n      id\n      name\n      currency\n    }\n  }\n": types.TenantsForSwitcherDocument,
    "\n  mutation SetMyLocale($locale: Locale!, $arabicDigits: Boolean) {\n    setMyLocale(locale: $locale, arabicDigits: $arabicDigits) {\n      id\n      locale\n      arabicDigits\n    }\n  }\n": types.SetMyLocaleDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      locale\n      arabicDigits\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n": types.WorkspaceDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n": types.AlertsDocument,
    "\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n": types.AlertRaisedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": types.ResolveAlertDocument,
    "\n  query WaitingOrders {\n    orders(filter: { status: [RECEIVED] }, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.WaitingOrdersDocument,
    "\n  subscription AttentionOrderChanged {\n    orderChanged {\n      id\n      displayCode\n      status\n      provider\n      test\n      total {\n        amount\n        currency\n      }\n      customer {\n        name\n      }\n    }\n  }\n": types.AttentionOrderChangedDocument,
    "\n  query BranchAvailability($branchId: ID!) {\n    branchAvailability(branchId: $branchId) {\n      branchId\n      state\n      until\n      updatedAt\n      item {\n        id\n        ref\n        externalPosId\n        name {\n          en\n          ar\n        }\n      }\n    }\n  }\n": types.BranchAvailabilityDocument,
    "\n  mutation SetItemAvailability($input: SetItemAvailabilityInput!) {\n    setItemAvailability(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": types.SetItemAvailabilityDocument,
    "\n  query BranchChoices {\n    branches {\n      id\n      name\n      timeZone\n    }\n  }\n": types.BranchChoicesDocument,
    "\n  fragment BranchSyncJobFields on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    request\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n      provider\n    }\n  }\n": types.BranchSyncJobFieldsFragmentDoc,
    "\n  subscription BranchCatalogSyncChanged($branchId: ID) {\n    catalogSyncChanged(branchId: $branchId) {\n      ...BranchSyncJobFields\n    }\n  }\n": types.BranchCatalogSyncChangedDocument,
    "\n  subscription BranchStoreStatusChanged($branchId: ID) {\n    storeStatusChanged(branchId: $branchId) {\n      branchId\n      status\n      until\n    }\n  }\n": types.BranchStoreStatusChangedDocument,
    "\n  query BranchSyncJobs($branchId: ID!, $kinds: [CatalogSyncKind!]!, $first: Int!) {\n    catalogSyncJobs(filter: { branchId: $branchId, kind: $kinds }, first: $first) {\n      edges {\n        node {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n": types.BranchSyncJobsDocument,
    "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n": types.ConnectionChoicesDocument,
    "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      menuWarnings {\n        code\n        itemName\n      }\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        user {\n          name\n          email\n        }\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n": types.OrderDetailDocument,
    "\n  fragment ConnectionFields on ProviderConnection {\n    id\n    provider\n    name\n    status\n    webhookUrl\n    externalStoreId\n    currency\n    apiBaseUrl\n    autoAccept\n    createdAt\n    archivedAt\n    securityEventsLastHour\n    branch {\n      id\n      name\n    }\n    health {\n      ...HealthFields\n    }\n  }\n": types.ConnectionFieldsFragmentDoc,
    "\n  query Connections($includeArchived: Boolean) {\n    connections(includeArchived: $includeArchived) {\n      ...ConnectionFields\n    }\n    branches {\n      id\n      name\n    }\n  }\n": types.ConnectionsDocument,
    "\n  mutation ConnectProvider($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      secret\n      connection {\n        ...ConnectionFields\n      }\n    }\n  }\n": types.ConnectProviderDocument,
    "\n  mutation RotateConnectionSecret($id: ID!) {\n    rotateConnectionSecret(id: $id) {\n      secret\n      connection {\n        id\n        updatedAt\n      }\n    }\n  }\n": types.RotateConnectionSecretDocument,
    "\n  mutation PauseConnection($id: ID!) {\n    pauseConnection(id: $id) {\n      id\n      status\n    }\n  }\n": types.PauseConnectionDocument,
    "\n  mutation ResumeConnection($id: ID!) {\n    resumeConnection(id: $id) {\n      id\n      status\n    }\n  }\n": types.ResumeConnectionDocument,
    "\n  mutation ArchiveConnection($id: ID!) {\n    archiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n": types.ArchiveConnectionDocument,
    "\n  mutation UnarchiveConnection($id: ID!) {\n    unarchiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n": types.UnarchiveConnectionDocument,
    "\n  mutation SetAutoAccept($id: ID!, $autoAccept: Boolean!) {\n    updateConnection(input: { id: $id, autoAccept: $autoAccept }) {\n      id\n      autoAccept\n    }\n  }\n": types.SetAutoAcceptDocument,
    "\n  mutation SendTestWebhook($connectionId: ID!, $kind: TestWebhookKind!) {\n    sendTestWebhook(connectionId: $connectionId, kind: $kind) {\n      httpStatus\n      delivered\n      idempotencyKey\n      externalId\n      error\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  subscription ConnectionOrderChanged($connectionId: ID!) {\n    orderChanged(filter: { connectionId: $connectionId }) {\n      id\n      externalId\n      displayCode\n      status\n    }\n  }\n": types.ConnectionOrderChangedDocument,
    "\n  query SampleOrder($connectionId: ID!, $search: String!) {\n    orders(first: 5, filter: { connectionId: $connectionId, search: $search }) {\n      edges {\n        node {\n          id\n          externalId\n          displayCode\n          status\n        }\n      }\n    }\n  }\n": types.SampleOrderDocument,
    "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n": types.HealthFieldsFragmentDoc,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n        archivedAt\n      }\n    }\n  }\n": types.IntegrationHealthDocument,
    "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n": types.IntegrationHealthChangedDocument,
    "\n  fragment KitchenTicket on Order {\n    id\n    displayCode\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    acceptedAt\n    prepMinutes\n    updatedAt\n    notes\n    customer {\n      name\n    }\n    delivery {\n      address\n    }\n    items {\n      name\n      quantity\n      notes\n      modifiers {\n        name\n        quantity\n        modifiers {\n          name\n          quantity\n        }\n      }\n    }\n  }\n": types.KitchenTicketFragmentDoc,
    "\n  query KitchenTickets($first: Int!, $after: String, $from: DateTimeISO!) {\n    orders(\n      first: $first\n      after: $after\n      filter: { status: [RECEIVED, ACCEPTED, PREPARING, READY], from: $from }\n      orderBy: { field: PLACED_AT, direction: ASC }\n    ) {\n      totalCount\n      edges {\n        node {\n          ...KitchenTicket\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.KitchenTicketsDocument,
    "\n  subscription KitchenTicketChanged {\n    orderChanged {\n      ...KitchenTicket\n    }\n  }\n": types.KitchenTicketChangedDocument,
    "\n  fragment MenuItemRow on MenuItem {\n    id\n    ref\n    externalPosId\n    type\n    name {\n      en\n      ar\n    }\n    price {\n      amount\n      currency\n    }\n    priceOverrides {\n      provider\n      context\n      price {\n        amount\n        currency\n      }\n    }\n    menuId\n  }\n": types.MenuItemRowFragmentDoc,
    "\n  fragment MenuFields on Menu {\n    id\n    name {\n      en\n      ar\n    }\n    currency\n    branchIds\n    version\n    updatedAt\n    categories {\n      id\n      ref\n      name {\n        en\n        ar\n      }\n      itemIds\n    }\n    items {\n      ...MenuItemRow\n    }\n    modifierGroups {\n      id\n      ref\n    }\n  }\n": types.MenuFieldsFragmentDoc,
    "\n  query Menus {\n    menus {\n      ...MenuFields\n    }\n  }\n": types.MenusDocument,
    "\n  query MenuTargets {\n    branches {\n      id\n      name\n    }\n    connections {\n      id\n      name\n      provider\n      status\n      branch {\n        id\n      }\n    }\n  }\n": types.MenuTargetsDocument,
    "\n  mutation ImportMenu($input: ImportMenuInput!) {\n    importMenu(input: $input) {\n      ...MenuFields\n    }\n  }\n": types.ImportMenuDocument,
    "\n  mutation UpdateMenuItem($input: UpdateMenuItemInput!) {\n    updateMenuItem(input: $input) {\n      ...MenuItemRow\n    }\n  }\n": types.UpdateMenuItemDocument,
    "\n  mutation PublishMenu($menuId: ID!, $connectionIds: [ID!]) {\n    publishMenu(menuId: $menuId, connectionIds: $connectionIds) {\n      ...SyncJobRow\n    }\n  }\n": types.PublishMenuDocument,
    "\n  subscription MenuSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n": types.MenuSyncChangedDocument,
    "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    test\n    menuWarnings {\n      code\n    }\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n": types.OrderRowFragmentDoc,
    "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String, $orderBy: OrderSortInput) {\n    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": types.OrderRowChangedDocument,
    "\n  fragment ModifierFields on OrderItemModifier {\n    name\n    quantity\n    unitPrice {\n      amount\n      currency\n    }\n  }\n": types.ModifierFieldsFragmentDoc,
    "\n  mutation AcceptOrder($id: ID!, $prepMinutes: Int) {\n    acceptOrder(id: $id, prepMinutes: $prepMinutes) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n    }\n  }\n": types.AcceptOrderDocument,
    "\n  mutation RejectOrder($id: ID!, $reason: String!) {\n    rejectOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n": types.RejectOrderDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String!) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation MarkPreparing($id: ID!) {\n    markPreparing(id: $id) {\n      ...OrderRow\n    }\n  }\n": types.MarkPreparingDocument,
    "\n  mutation MarkReady($id: ID!) {\n    markReady(id: $id) {\n      ...OrderRow\n    }\n  }\n": types.MarkReadyDocument,
    "\n  mutation MarkPickedUp($id: ID!) {\n    markPickedUp(id: $id) {\n      ...OrderRow\n    }\n  }\n": types.MarkPickedUpDocument,
    "\n  mutation MarkDelivered($id: ID!) {\n    markDelivered(id: $id) {\n      ...OrderRow\n    }\n  }\n": types.MarkDeliveredDocument,
    "\n  fragment MetricsBucketFields on OrderMetricsBucket {\n    bucketStart\n    provider\n    orders\n    acceptedOrders\n    decidedOrders\n    acceptanceRate\n    avgAcceptSeconds\n    revenue {\n      amount\n      currency\n    }\n  }\n": types.MetricsBucketFieldsFragmentDoc,
    "\n  fragment TodayFields on TodayMetrics {\n    timeZone\n    dayStart\n    openOrders\n    providers {\n      ...MetricsBucketFields\n    }\n  }\n": types.TodayFieldsFragmentDoc,
    "\n  query TodayMetrics {\n    todayMetrics {\n      ...TodayFields\n    }\n  }\n": types.TodayMetricsDocument,
    "\n  subscription TodayMetricsChanged {\n    metricsChanged {\n      ...TodayFields\n    }\n  }\n": types.TodayMetricsChangedDocument,
    "\n  query RevenueByProvider($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!) {\n    orderMetrics(from: $from, to: $to, bucket: $bucket) {\n      ...MetricsBucketFields\n    }\n  }\n": types.RevenueByProviderDocument,
    "\n  query LatestOrders($first: Int!) {\n    orders(first: $first) {\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n    }\n  }\n": types.LatestOrdersDocument,
    "\n  subscription StreamOrderChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": types.StreamOrderChangedDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n": types.UsersDocument,
    "\n  mutation InviteUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n": types.InviteUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n": types.EnableUserDocument,
    "\n  mutation SetUserRole($id: ID!, $role: Role!) {\n    setUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    revokedAt\n    lastUsedAt\n    active\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  query BranchStoreStatus($branchId: ID!) {\n    storeStatus(branchId: $branchId) {\n      branchId\n      status\n      until\n      reason\n      updatedAt\n      busy {\n        prepMinutes\n        until\n      }\n      openingHours {\n        day\n        start\n        end\n      }\n      connections {\n        connection {\n          id\n          name\n          provider\n        }\n        requested {\n          ...BranchSyncJobFields\n        }\n        confirmed {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n": types.BranchStoreStatusDocument,
    "\n  mutation SetStoreStatus($input: SetStoreStatusInput!) {\n    setStoreStatus(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": types.SetStoreStatusDocument,
    "\n  mutation SetBusyMode($input: SetBusyModeInput!) {\n    setBusyMode(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": types.SetBusyModeDocument,
    "\n  mutation SetOpeningHours($input: SetOpeningHoursInput!) {\n    setOpeningHours(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n": types.SetOpeningHoursDocument,
    "\n  fragment SyncJobRow on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n    }\n  }\n": types.SyncJobRowFragmentDoc,
    "\n  query CatalogSyncJobs($filter: CatalogSyncJobFilter, $first: Int!, $after: String) {\n    catalogSyncJobs(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...SyncJobRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CatalogSyncJobsDocument,
    "\n  query CatalogSyncJobDetail($id: ID!) {\n    catalogSyncJob(id: $id) {\n      ...SyncJobRow\n      request\n      answer\n    }\n  }\n": types.CatalogSyncJobDetailDocument,
    "\n  mutation RetryCatalogSyncJob($id: ID!) {\n    retryCatalogSyncJob(id: $id) {\n      ...SyncJobRow\n    }\n  }\n": types.RetryCatalogSyncJobDocument,
    "\n  subscription CatalogSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n": types.CatalogSyncChangedDocument,
    "\n  fragment WebhookEventRow on WebhookEvent {\n    id\n    provider\n    idempotencyKey\n    status\n    attempts\n    replayCount\n    lastError\n    receivedAt\n    processedAt\n    processingMs\n    nextAttemptAt\n    connection {\n      id\n      name\n    }\n  }\n": types.WebhookEventRowFragmentDoc,
    "\n  query WebhookEvents($filter: WebhookEventFilterInput, $first: Int!, $after: String) {\n    webhookEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...WebhookEventRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WebhookEventsDocument,
    "\n  query WebhookEventDetail($id: ID!) {\n    webhookEvent(id: $id) {\n      ...WebhookEventRow\n      firstAttemptAt\n      lastAttemptAt\n      headers\n      payload\n      orders {\n        id\n        displayCode\n        status\n      }\n    }\n  }\n": types.WebhookEventDetailDocument,
    "\n  mutation ReplayWebhookEvent($id: ID!) {\n    replayWebhookEvent(id: $id) {\n      ...WebhookEventRow\n    }\n  }\n": types.ReplayWebhookEventDocument,
    "\n  mutation ReplayDeadWebhookEvents($connectionId: ID!) {\n    replayDeadWebhookEvents(connectionId: $connectionId)\n  }\n": types.ReplayDeadWebhookEventsDocument,
    "\n  query DeadWebhookEventCount($connectionId: ID!) {\n    webhookEvents(filter: { connectionId: $connectionId, status: [DEAD] }, first: 0) {\n      totalCount\n    }\n  }\n": types.DeadWebhookEventCountDocument,
    "\n  subscription WebhookDeliveriesChanged {\n    integrationHealthChanged {\n      connectionId\n    }\n  }\n": types.WebhookDeliveriesChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantsForSwitcher {\n    tenants {\n      id\n      name\n      currency\n    }\n  }\n"): (typeof documents)["\n  query TenantsForSwitcher {\n    tenants {\n      id\n      name\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMyLocale($locale: Locale!, $arabicDigits: Boolean) {\n    setMyLocale(locale: $locale, arabicDigits: $arabicDigits) {\n      id\n      locale\n      arabicDigits\n    }\n  }\n"): (typeof documents)["\n  mutation SetMyLocale($locale: Locale!, $arabicDigits: Boolean) {\n    setMyLocale(locale: $locale, arabicDigits: $arabicDigits) {\n      id\n      locale\n      arabicDigits\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      locale\n      arabicDigits\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      locale\n      arabicDigits\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n"): (typeof documents)["\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WaitingOrders {\n    orders(filter: { status: [RECEIVED] }, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WaitingOrders {\n    orders(filter: { status: [RECEIVED] }, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AttentionOrderChanged {\n    orderChanged {\n      id\n      displayCode\n      status\n      provider\n      test\n      total {\n        amount\n        currency\n      }\n      customer {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AttentionOrderChanged {\n    orderChanged {\n      id\n      displayCode\n      status\n      provider\n      test\n      total {\n        amount\n        currency\n      }\n      customer {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchAvailability($branchId: ID!) {\n    branchAvailability(branchId: $branchId) {\n      branchId\n      state\n      until\n      updatedAt\n      item {\n        id\n        ref\n        externalPosId\n        name {\n          en\n          ar\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchAvailability($branchId: ID!) {\n    branchAvailability(branchId: $branchId) {\n      branchId\n      state\n      until\n      updatedAt\n      item {\n        id\n        ref\n        externalPosId\n        name {\n          en\n          ar\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetItemAvailability($input: SetItemAvailabilityInput!) {\n    setItemAvailability(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetItemAvailability($input: SetItemAvailabilityInput!) {\n    setItemAvailability(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchChoices {\n    branches {\n      id\n      name\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query BranchChoices {\n    branches {\n      id\n      name\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BranchSyncJobFields on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    request\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n      provider\n    }\n  }\n"): (typeof documents)["\n  fragment BranchSyncJobFields on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    request\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n      provider\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BranchCatalogSyncChanged($branchId: ID) {\n    catalogSyncChanged(branchId: $branchId) {\n      ...BranchSyncJobFields\n    }\n  }\n"): (typeof documents)["\n  subscription BranchCatalogSyncChanged($branchId: ID) {\n    catalogSyncChanged(branchId: $branchId) {\n      ...BranchSyncJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BranchStoreStatusChanged($branchId: ID) {\n    storeStatusChanged(branchId: $branchId) {\n      branchId\n      status\n      until\n    }\n  }\n"): (typeof documents)["\n  subscription BranchStoreStatusChanged($branchId: ID) {\n    storeStatusChanged(branchId: $branchId) {\n      branchId\n      status\n      until\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchSyncJobs($branchId: ID!, $kinds: [CatalogSyncKind!]!, $first: Int!) {\n    catalogSyncJobs(filter: { branchId: $branchId, kind: $kinds }, first: $first) {\n      edges {\n        node {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchSyncJobs($branchId: ID!, $kinds: [CatalogSyncKind!]!, $first: Int!) {\n    catalogSyncJobs(filter: { branchId: $branchId, kind: $kinds }, first: $first) {\n      edges {\n        node {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n"): (typeof documents)["\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      menuWarnings {\n        code\n        itemName\n      }\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        user {\n          name\n          email\n        }\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      menuWarnings {\n        code\n        itemName\n      }\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        user {\n          name\n          email\n        }\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectionFields on ProviderConnection {\n    id\n    provider\n    name\n    status\n    webhookUrl\n    externalStoreId\n    currency\n    apiBaseUrl\n    autoAccept\n    createdAt\n    archivedAt\n    securityEventsLastHour\n    branch {\n      id\n      name\n    }\n    health {\n      ...HealthFields\n    }\n  }\n"): (typeof documents)["\n  fragment ConnectionFields on ProviderConnection {\n    id\n    provider\n    name\n    status\n    webhookUrl\n    externalStoreId\n    currency\n    apiBaseUrl\n    autoAccept\n    createdAt\n    archivedAt\n    securityEventsLastHour\n    branch {\n      id\n      name\n    }\n    health {\n      ...HealthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connections($includeArchived: Boolean) {\n    connections(includeArchived: $includeArchived) {\n      ...ConnectionFields\n    }\n    branches {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Connections($includeArchived: Boolean) {\n    connections(includeArchived: $includeArchived) {\n      ...ConnectionFields\n    }\n    branches {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectProvider($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      secret\n      connection {\n        ...ConnectionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectProvider($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      secret\n      connection {\n        ...ConnectionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateConnectionSecret($id: ID!) {\n    rotateConnectionSecret(id: $id) {\n      secret\n      connection {\n        id\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateConnectionSecret($id: ID!) {\n    rotateConnectionSecret(id: $id) {\n      secret\n      connection {\n        id\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseConnection($id: ID!) {\n    pauseConnection(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PauseConnection($id: ID!) {\n    pauseConnection(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeConnection($id: ID!) {\n    resumeConnection(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeConnection($id: ID!) {\n    resumeConnection(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveConnection($id: ID!) {\n    archiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveConnection($id: ID!) {\n    archiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnarchiveConnection($id: ID!) {\n    unarchiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UnarchiveConnection($id: ID!) {\n    unarchiveConnection(id: $id) {\n      id\n      archivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAutoAccept($id: ID!, $autoAccept: Boolean!) {\n    updateConnection(input: { id: $id, autoAccept: $autoAccept }) {\n      id\n      autoAccept\n    }\n  }\n"): (typeof documents)["\n  mutation SetAutoAccept($id: ID!, $autoAccept: Boolean!) {\n    updateConnection(input: { id: $id, autoAccept: $autoAccept }) {\n      id\n      autoAccept\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($connectionId: ID!, $kind: TestWebhookKind!) {\n    sendTestWebhook(connectionId: $connectionId, kind: $kind) {\n      httpStatus\n      delivered\n      idempotencyKey\n      externalId\n      error\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($connectionId: ID!, $kind: TestWebhookKind!) {\n    sendTestWebhook(connectionId: $connectionId, kind: $kind) {\n      httpStatus\n      delivered\n      idempotencyKey\n      externalId\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConnectionOrderChanged($connectionId: ID!) {\n    orderChanged(filter: { connectionId: $connectionId }) {\n      id\n      externalId\n      displayCode\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription ConnectionOrderChanged($connectionId: ID!) {\n    orderChanged(filter: { connectionId: $connectionId }) {\n      id\n      externalId\n      displayCode\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SampleOrder($connectionId: ID!, $search: String!) {\n    orders(first: 5, filter: { connectionId: $connectionId, search: $search }) {\n      edges {\n        node {\n          id\n          externalId\n          displayCode\n          status\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SampleOrder($connectionId: ID!, $search: String!) {\n    orders(first: 5, filter: { connectionId: $connectionId, search: $search }) {\n      edges {\n        node {\n          id\n          externalId\n          displayCode\n          status\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n"): (typeof documents)["\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n        archivedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n        archivedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n"): (typeof documents)["\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KitchenTicket on Order {\n    id\n    displayCode\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    acceptedAt\n    prepMinutes\n    updatedAt\n    notes\n    customer {\n      name\n    }\n    delivery {\n      address\n    }\n    items {\n      name\n      quantity\n      notes\n      modifiers {\n        name\n        quantity\n        modifiers {\n          name\n          quantity\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment KitchenTicket on Order {\n    id\n    displayCode\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    acceptedAt\n    prepMinutes\n    updatedAt\n    notes\n    customer {\n      name\n    }\n    delivery {\n      address\n    }\n    items {\n      name\n      quantity\n      notes\n      modifiers {\n        name\n        quantity\n        modifiers {\n          name\n          quantity\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KitchenTickets($first: Int!, $after: String, $from: DateTimeISO!) {\n    orders(\n      first: $first\n      after: $after\n      filter: { status: [RECEIVED, ACCEPTED, PREPARING, READY], from: $from }\n      orderBy: { field: PLACED_AT, direction: ASC }\n    ) {\n      totalCount\n      edges {\n        node {\n          ...KitchenTicket\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query KitchenTickets($first: Int!, $after: String, $from: DateTimeISO!) {\n    orders(\n      first: $first\n      after: $after\n      filter: { status: [RECEIVED, ACCEPTED, PREPARING, READY], from: $from }\n      orderBy: { field: PLACED_AT, direction: ASC }\n    ) {\n      totalCount\n      edges {\n        node {\n          ...KitchenTicket\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KitchenTicketChanged {\n    orderChanged {\n      ...KitchenTicket\n    }\n  }\n"): (typeof documents)["\n  subscription KitchenTicketChanged {\n    orderChanged {\n      ...KitchenTicket\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MenuItemRow on MenuItem {\n    id\n    ref\n    externalPosId\n    type\n    name {\n      en\n      ar\n    }\n    price {\n      amount\n      currency\n    }\n    priceOverrides {\n      provider\n      context\n      price {\n        amount\n        currency\n      }\n    }\n    menuId\n  }\n"): (typeof documents)["\n  fragment MenuItemRow on MenuItem {\n    id\n    ref\n    externalPosId\n    type\n    name {\n      en\n      ar\n    }\n    price {\n      amount\n      currency\n    }\n    priceOverrides {\n      provider\n      context\n      price {\n        amount\n        currency\n      }\n    }\n    menuId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MenuFields on Menu {\n    id\n    name {\n      en\n      ar\n    }\n    currency\n    branchIds\n    version\n    updatedAt\n    categories {\n      id\n      ref\n      name {\n        en\n        ar\n      }\n      itemIds\n    }\n    items {\n      ...MenuItemRow\n    }\n    modifierGroups {\n      id\n      ref\n    }\n  }\n"): (typeof documents)["\n  fragment MenuFields on Menu {\n    id\n    name {\n      en\n      ar\n    }\n    currency\n    branchIds\n    version\n    updatedAt\n    categories {\n      id\n      ref\n      name {\n        en\n        ar\n      }\n      itemIds\n    }\n    items {\n      ...MenuItemRow\n    }\n    modifierGroups {\n      id\n      ref\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Menus {\n    menus {\n      ...MenuFields\n    }\n  }\n"): (typeof documents)["\n  query Menus {\n    menus {\n      ...MenuFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MenuTargets {\n    branches {\n      id\n      name\n    }\n    connections {\n      id\n      name\n      provider\n      status\n      branch {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query MenuTargets {\n    branches {\n      id\n      name\n    }\n    connections {\n      id\n      name\n      provider\n      status\n      branch {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportMenu($input: ImportMenuInput!) {\n    importMenu(input: $input) {\n      ...MenuFields\n    }\n  }\n"): (typeof documents)["\n  mutation ImportMenu($input: ImportMenuInput!) {\n    importMenu(input: $input) {\n      ...MenuFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMenuItem($input: UpdateMenuItemInput!) {\n    updateMenuItem(input: $input) {\n      ...MenuItemRow\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMenuItem($input: UpdateMenuItemInput!) {\n    updateMenuItem(input: $input) {\n      ...MenuItemRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishMenu($menuId: ID!, $connectionIds: [ID!]) {\n    publishMenu(menuId: $menuId, connectionIds: $connectionIds) {\n      ...SyncJobRow\n    }\n  }\n"): (typeof documents)["\n  mutation PublishMenu($menuId: ID!, $connectionIds: [ID!]) {\n    publishMenu(menuId: $menuId, connectionIds: $connectionIds) {\n      ...SyncJobRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MenuSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n"): (typeof documents)["\n  subscription MenuSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    test\n    menuWarnings {\n      code\n    }\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    test\n    menuWarnings {\n      code\n    }\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String, $orderBy: OrderSortInput) {\n    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String, $orderBy: OrderSortInput) {\n    orders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModifierFields on OrderItemModifier {\n    name\n    quantity\n    unitPrice {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment ModifierFields on OrderItemModifier {\n    name\n    quantity\n    unitPrice {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptOrder($id: ID!, $prepMinutes: Int) {\n    acceptOrder(id: $id, prepMinutes: $prepMinutes) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptOrder($id: ID!, $prepMinutes: Int) {\n    acceptOrder(id: $id, prepMinutes: $prepMinutes) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectOrder($id: ID!, $reason: String!) {\n    rejectOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation RejectOrder($id: ID!, $reason: String!) {\n    rejectOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $reason: String!) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!, $reason: String!) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkPreparing($id: ID!) {\n    markPreparing(id: $id) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation MarkPreparing($id: ID!) {\n    markPreparing(id: $id) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkReady($id: ID!) {\n    markReady(id: $id) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation MarkReady($id: ID!) {\n    markReady(id: $id) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkPickedUp($id: ID!) {\n    markPickedUp(id: $id) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation MarkPickedUp($id: ID!) {\n    markPickedUp(id: $id) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkDelivered($id: ID!) {\n    markDelivered(id: $id) {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  mutation MarkDelivered($id: ID!) {\n    markDelivered(id: $id) {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricsBucketFields on OrderMetricsBucket {\n    bucketStart\n    provider\n    orders\n    acceptedOrders\n    decidedOrders\n    acceptanceRate\n    avgAcceptSeconds\n    revenue {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment MetricsBucketFields on OrderMetricsBucket {\n    bucketStart\n    provider\n    orders\n    acceptedOrders\n    decidedOrders\n    acceptanceRate\n    avgAcceptSeconds\n    revenue {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TodayFields on TodayMetrics {\n    timeZone\n    dayStart\n    openOrders\n    providers {\n      ...MetricsBucketFields\n    }\n  }\n"): (typeof documents)["\n  fragment TodayFields on TodayMetrics {\n    timeZone\n    dayStart\n    openOrders\n    providers {\n      ...MetricsBucketFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TodayMetrics {\n    todayMetrics {\n      ...TodayFields\n    }\n  }\n"): (typeof documents)["\n  query TodayMetrics {\n    todayMetrics {\n      ...TodayFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TodayMetricsChanged {\n    metricsChanged {\n      ...TodayFields\n    }\n  }\n"): (typeof documents)["\n  subscription TodayMetricsChanged {\n    metricsChanged {\n      ...TodayFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevenueByProvider($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!) {\n    orderMetrics(from: $from, to: $to, bucket: $bucket) {\n      ...MetricsBucketFields\n    }\n  }\n"): (typeof documents)["\n  query RevenueByProvider($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!) {\n    orderMetrics(from: $from, to: $to, bucket: $bucket) {\n      ...MetricsBucketFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestOrders($first: Int!) {\n    orders(first: $first) {\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LatestOrders($first: Int!) {\n    orders(first: $first) {\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StreamOrderChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  subscription StreamOrderChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      name\n      role\n      disabled\n      lastLoginAt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($id: ID!, $role: Role!) {\n    setUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($id: ID!, $role: Role!) {\n    setUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    revokedAt\n    lastUsedAt\n    active\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    expiresAt\n    revokedAt\n    lastUsedAt\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BranchStoreStatus($branchId: ID!) {\n    storeStatus(branchId: $branchId) {\n      branchId\n      status\n      until\n      reason\n      updatedAt\n      busy {\n        prepMinutes\n        until\n      }\n      openingHours {\n        day\n        start\n        end\n      }\n      connections {\n        connection {\n          id\n          name\n          provider\n        }\n        requested {\n          ...BranchSyncJobFields\n        }\n        confirmed {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BranchStoreStatus($branchId: ID!) {\n    storeStatus(branchId: $branchId) {\n      branchId\n      status\n      until\n      reason\n      updatedAt\n      busy {\n        prepMinutes\n        until\n      }\n      openingHours {\n        day\n        start\n        end\n      }\n      connections {\n        connection {\n          id\n          name\n          provider\n        }\n        requested {\n          ...BranchSyncJobFields\n        }\n        confirmed {\n          ...BranchSyncJobFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStoreStatus($input: SetStoreStatusInput!) {\n    setStoreStatus(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetStoreStatus($input: SetStoreStatusInput!) {\n    setStoreStatus(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBusyMode($input: SetBusyModeInput!) {\n    setBusyMode(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetBusyMode($input: SetBusyModeInput!) {\n    setBusyMode(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOpeningHours($input: SetOpeningHoursInput!) {\n    setOpeningHours(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetOpeningHours($input: SetOpeningHoursInput!) {\n    setOpeningHours(input: $input) {\n      ...BranchSyncJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SyncJobRow on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SyncJobRow on CatalogSyncJob {\n    id\n    kind\n    status\n    reason\n    attempts\n    provider\n    branchId\n    createdAt\n    updatedAt\n    connection {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogSyncJobs($filter: CatalogSyncJobFilter, $first: Int!, $after: String) {\n    catalogSyncJobs(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...SyncJobRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogSyncJobs($filter: CatalogSyncJobFilter, $first: Int!, $after: String) {\n    catalogSyncJobs(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...SyncJobRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogSyncJobDetail($id: ID!) {\n    catalogSyncJob(id: $id) {\n      ...SyncJobRow\n      request\n      answer\n    }\n  }\n"): (typeof documents)["\n  query CatalogSyncJobDetail($id: ID!) {\n    catalogSyncJob(id: $id) {\n      ...SyncJobRow\n      request\n      answer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryCatalogSyncJob($id: ID!) {\n    retryCatalogSyncJob(id: $id) {\n      ...SyncJobRow\n    }\n  }\n"): (typeof documents)["\n  mutation RetryCatalogSyncJob($id: ID!) {\n    retryCatalogSyncJob(id: $id) {\n      ...SyncJobRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CatalogSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n"): (typeof documents)["\n  subscription CatalogSyncChanged {\n    catalogSyncChanged {\n      ...SyncJobRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEventRow on WebhookEvent {\n    id\n    provider\n    idempotencyKey\n    status\n    attempts\n    replayCount\n    lastError\n    receivedAt\n    processedAt\n    processingMs\n    nextAttemptAt\n    connection {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookEventRow on WebhookEvent {\n    id\n    provider\n    idempotencyKey\n    status\n    attempts\n    replayCount\n    lastError\n    receivedAt\n    processedAt\n    processingMs\n    nextAttemptAt\n    connection {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEvents($filter: WebhookEventFilterInput, $first: Int!, $after: String) {\n    webhookEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...WebhookEventRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookEvents($filter: WebhookEventFilterInput, $first: Int!, $after: String) {\n    webhookEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...WebhookEventRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEventDetail($id: ID!) {\n    webhookEvent(id: $id) {\n      ...WebhookEventRow\n      firstAttemptAt\n      lastAttemptAt\n      headers\n      payload\n      orders {\n        id\n        displayCode\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookEventDetail($id: ID!) {\n    webhookEvent(id: $id) {\n      ...WebhookEventRow\n      firstAttemptAt\n      lastAttemptAt\n      headers\n      payload\n      orders {\n        id\n        displayCode\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookEvent($id: ID!) {\n    replayWebhookEvent(id: $id) {\n      ...WebhookEventRow\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookEvent($id: ID!) {\n    replayWebhookEvent(id: $id) {\n      ...WebhookEventRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayDeadWebhookEvents($connectionId: ID!) {\n    replayDeadWebhookEvents(connectionId: $connectionId)\n  }\n"): (typeof documents)["\n  mutation ReplayDeadWebhookEvents($connectionId: ID!) {\n    replayDeadWebhookEvents(connectionId: $connectionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeadWebhookEventCount($connectionId: ID!) {\n    webhookEvents(filter: { connectionId: $connectionId, status: [DEAD] }, first: 0) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DeadWebhookEventCount($connectionId: ID!) {\n    webhookEvents(filter: { connectionId: $connectionId, status: [DEAD] }, first: 0) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebhookDeliveriesChanged {\n    integrationHealthChanged {\n      connectionId\n    }\n  }\n"): (typeof documents)["\n  subscription WebhookDeliveriesChanged {\n    integrationHealthChanged {\n      connectionId\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;