import { randomUUID } from 'node:crypto';
import type { ConnectProviderRequest } from '../connections/connection.validation';

let sequence = 0;

/** A valid `connectProvider` input; each call names a new provider store unless told otherwise. */
export function aConnectProviderInput(overrides: Partial<ConnectProviderRequest> = {}): ConnectProviderRequest {
  sequence += 1;
  return {
    provider: 'DELIVEROO',
    name: `Downtown kitchen ${sequence}`,
    branchId: randomUUID(),
    externalStoreId: `store-${sequence}-${randomUUID().slice(0, 8)}`,
    currency: 'SAR',
    apiBaseUrl: 'http://127.0.0.1:9100/deliveroo',
    autoAccept: false,
    ...overrides,
  };
}
