import type { ProviderAdapter } from './adapter';
import type { ProviderControl } from './control';
import type { ProviderIdentity } from './identity';
import type { ProviderSimulator } from './simulator';

/**
 * One sample delivery in a provider's `fixtures/` folder and how it arrives:
 * the connection it belongs to, its route, and the headers that carry the
 * idempotency key (authentication headers are added by whoever signs it).
 */
export type FixtureDelivery = {
  fixture: string;
  connection: { currency: string; externalStoreId: string };
  method?: 'POST' | 'PUT';
  subPath?: string;
  headers?: Record<string, string>;
};

/**
 * Everything Nexara's services know about one provider, behind one type. The
 * required parts every provider has; the optional ones are capabilities a
 * provider may or may not offer.
 */
export type ProviderDefinition = {
  identity: ProviderIdentity;
  /** Authentication, parsing, answers to the shim and callbacks (adapter.ts). */
  adapter: ProviderAdapter;
  /** This folder, for the checks that its doc page and fixtures are there. */
  directory: string;
  /** The wire contract in our own words, a file in `directory`. */
  docPage: string;
  /** Every file in `fixtures/`, with how it is delivered. */
  fixtures: readonly FixtureDelivery[];
  /**
   * The header that carries the provider's proof of identity, and what
   * authentication depends on in a request's headers, normalized as the scheme
   * allows (two header sets with the same credential are the same request).
   */
  credential: {
    /** Every header authentication reads, the one that carries the proof first. */
    headers: readonly string[];
    /** The proof covers the raw body (an HMAC), so changed bytes never authenticate. */
    signsBody: boolean;
    of(headers: Record<string, string | undefined>): string | null;
  };
  /** Headers kept with a stored delivery because `parse` reads them again (idempotency keys, signed timestamps). */
  keptHeaders: readonly string[];
  /** The provider's order ids are whole numbers (its parse makes them so), which callbacks may rely on. */
  numericOrderIds?: true;
  /**
   * The provider wants to hear whether each new order made it into Nexara
   * (`RECEIVED` / `RECEIVE_FAILED` callbacks); the adapter builds those calls
   * and reads a failed delivery's order id (`failedOrderId`).
   */
  confirmsReceipts?: true;
  /** Its part in the simulator: payloads, signing, callback API, what it expects as answers (simulator.ts). */
  simulator: ProviderSimulator;
  /**
   * The control plane's capabilities (control.ts, docs/control-plane.md):
   * menu, availability, storeStatus, busyMode, openingHours, each present
   * only where the provider offers it, and the token grant when its API wants one.
   */
  control?: ProviderControl;
};
