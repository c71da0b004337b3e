/** The four delivery providers the simulator plays (same spelling as the platform's `Provider`). */
export const SIMULATED_PROVIDERS = ['CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'] as const;

export type SimulatedProvider = (typeof SIMULATED_PROVIDERS)[number];

/**
 * One provider connection as the outside world sees it: where the provider posts
 * its webhooks and the secret it signs them with. The demo writes a JSON array
 * of these to `.data/demo-connections.json`.
 */
export type SimulatedConnection = {
  provider: SimulatedProvider;
  /** Absolute webhook base URL of the connection, e.g. http://localhost:4000/webhooks/talabat/<key>. */
  webhookUrl: string;
  /** HMAC secret (Deliveroo, Careem), JWT signing secret (Talabat) or bearer token (Jahez). */
  secret: string;
  /** The provider's id for the branch: Deliveroo `location_id`, Talabat `remoteId`, Careem `branch.id`, Jahez `branch_id`. */
  externalStoreId: string;
  /** ISO 4217 code of the connection's currency. */
  currency: string;
};

/** Lower-case path segment of a provider (`/webhooks/<slug>/...`, `/<slug>/...` on the provider API). */
export function providerSlug(provider: SimulatedProvider): string {
  return provider.toLowerCase();
}

export function isSimulatedProvider(value: string): value is SimulatedProvider {
  return (SIMULATED_PROVIDERS as readonly string[]).includes(value);
}
