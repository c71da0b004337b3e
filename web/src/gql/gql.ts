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
    "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n": typeof types.WorkspaceDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertsDocument,
    "\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertRaisedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": typeof types.ResolveAlertDocument,
    "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n": typeof types.HealthFieldsFragmentDoc,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n      }\n    }\n  }\n": typeof types.IntegrationHealthDocument,
    "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n": typeof types.IntegrationHealthChangedDocument,
    "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n": typeof types.OrderRowFragmentDoc,
    "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": typeof types.OrderRowChangedDocument,
    "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n": typeof types.OrderDetailDocument,
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
    "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n": typeof types.ConnectionChoicesDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.SignInDocument,
};
const documents: Documents = {
    "\n  query TenantsForSwitcher {\n    tenants {\n      id\n      name\n      currency\n    }\n  }\n": types.TenantsForSwitcherDocument,
    "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n": types.WorkspaceDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    rule\n    status\n    message\n    subjectType\n    subjectId\n    openedAt\n    lastSeenAt\n    acknowledgedAt\n    acknowledgedBy\n    resolvedAt\n    resolvedBy\n    connection {\n      id\n      name\n      provider\n    }\n    order {\n      id\n      displayCode\n    }\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query Alerts($status: AlertStatus, $first: Int) {\n    alerts(status: $status, first: $first) {\n      ...AlertFields\n    }\n  }\n": types.AlertsDocument,
    "\n  subscription AlertRaised {\n    alertRaised {\n      ...AlertFields\n    }\n  }\n": types.AlertRaisedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  mutation ResolveAlert($id: ID!) {\n    resolveAlert(id: $id) {\n      ...AlertFields\n    }\n  }\n": types.ResolveAlertDocument,
    "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n": types.HealthFieldsFragmentDoc,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n      }\n    }\n  }\n": types.IntegrationHealthDocument,
    "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n": types.IntegrationHealthChangedDocument,
    "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n": types.OrderRowFragmentDoc,
    "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n": types.OrderRowChangedDocument,
    "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n": types.OrderDetailDocument,
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
    "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n": types.ConnectionChoicesDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.SignInDocument,
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
export function graphql(source: "\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query Workspace {\n    me {\n      id\n      email\n      name\n      role\n      tenant {\n        id\n        name\n      }\n    }\n    tenant {\n      id\n      name\n      slug\n      currency\n      timeZone\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n"): (typeof documents)["\n  fragment HealthFields on ConnectionHealth {\n    connectionId\n    state\n    stateReason\n    lastDeliveryAt\n    deliveriesLastHour\n    failuresLastHour\n    successRate\n    p95ProcessingMs\n    deadCount\n    failedCount\n    authFailuresLastHour\n    checkedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationHealth {\n    integrationHealth {\n      ...HealthFields\n      connection {\n        id\n        name\n        provider\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n"): (typeof documents)["\n  subscription IntegrationHealthChanged {\n    integrationHealthChanged {\n      ...HealthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment OrderRow on Order {\n    id\n    displayCode\n    externalId\n    provider\n    status\n    placedAt\n    acceptBy\n    acceptanceAtRisk\n    updatedAt\n    total {\n      amount\n      currency\n    }\n    customer {\n      name\n      phone\n    }\n    connection {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersPage($filter: OrderFilterInput, $first: Int!, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...OrderRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"): (typeof documents)["\n  subscription OrderRowChanged {\n    orderChanged {\n      ...OrderRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetail($id: ID!) {\n    order(id: $id) {\n      ...OrderRow\n      acceptedAt\n      prepMinutes\n      notes\n      warnings\n      delivery {\n        address\n        notes\n      }\n      payment {\n        method\n        paid\n      }\n      items {\n        externalId\n        name\n        quantity\n        notes\n        unitPrice {\n          amount\n          currency\n        }\n        total {\n          amount\n          currency\n        }\n        # Two levels (an option, then its extras): what providers send, and within the query cost limit.\n        modifiers {\n          ...ModifierFields\n          modifiers {\n            ...ModifierFields\n          }\n        }\n      }\n      subtotal {\n        amount\n        currency\n      }\n      deliveryFee {\n        amount\n        currency\n      }\n      discount {\n        amount\n        currency\n      }\n      tax {\n        amount\n        currency\n      }\n      tip {\n        amount\n        currency\n      }\n      timeline {\n        status\n        at\n        source\n        actor\n        note\n      }\n      callbacks {\n        action\n        outcome\n        attempt\n        httpStatus\n        detail\n        at\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n"): (typeof documents)["\n  query ConnectionChoices {\n    connections {\n      id\n      name\n      provider\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;