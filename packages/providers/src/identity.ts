/**
 * What everyone may know about a provider, server and browser alike: no code
 * that needs Node, only data. Each provider's folder has an `identity.ts` of
 * this type, and `display.ts` lists them: that list is the registry every
 * other list of providers is derived from.
 */
export type ProviderIdentity = {
  /** The GraphQL `Provider` value and what the database stores: upper-case letters, digits and `_`. */
  readonly code: string;
  /** How people see it: badges, filters, timeline notes. */
  readonly name: string;
  /** Its colour in badges, charts and tiles, and a text colour (`ink`) readable on it. */
  readonly color: string;
  readonly ink: string;
  /** The `:provider` segment of `/webhooks/:provider/:connectionKey` (lower-case). */
  readonly pathSegment: string;
  /**
   * The statuses the provider's side does not understand, each mapped onto one
   * it does with the same meaning (the body's code still says which). Empty
   * for a provider that takes any status.
   */
  readonly answerStatuses: Readonly<Record<number, number>>;
  /** How long the provider waits for an answer to a new order before it gives up (demo data and deadlines). */
  readonly acceptMinutes: number;
  /**
   * Its part in the demo: share of the orders, delivery fees in the tenant
   * currency's major units, and the provider's ids its control calls need
   * (`ProviderConnection.controlIds`, docs/control-plane.md), as a tenant admin
   * would set them from the provider's onboarding mail.
   */
  readonly demo: {
    readonly weight: number;
    readonly deliveryFees: readonly string[];
    readonly controlIds: Readonly<Record<string, string>>;
  };
};
