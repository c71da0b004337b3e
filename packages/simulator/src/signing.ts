import { providerDefinition, PROVIDERS, type RequestSigningInput as ProviderSigningInput } from '@nexara/providers';
import type { SigningFault } from '@nexara/providers';
import type { SimulatedProvider } from './connections';

export { hmacSha256Hex, TIMESTAMP_FAULT_SECONDS, WRONG_SECRET } from '@nexara/providers/testing';
export type { SigningFault };

/** The authentication faults each provider's scheme can have (its folder's `simulator.ts`). */
export const SIGNING_FAULTS: Readonly<Record<SimulatedProvider, readonly SigningFault[]>> = Object.fromEntries(
  PROVIDERS.map((provider) => [provider, providerDefinition(provider).simulator.signingFaults]),
) as Record<SimulatedProvider, readonly SigningFault[]>;

export type RequestSigningInput = ProviderSigningInput & { provider: SimulatedProvider };

/**
 * Correct authentication headers for any body, the same idempotency key kept:
 * what lets a test change a payload (or send bytes that are not JSON at all)
 * and still get past authentication to what reads it.
 */
export function signedHeaders(input: RequestSigningInput): Promise<Record<string, string>> {
  const { provider, ...signing } = input;
  return providerDefinition(provider).simulator.signedHeaders(signing);
}
