import { pathSegments } from '../routes';

/**
 * The plugin sub-paths Delivery Hero calls under the connection's base URL:
 * `POST order/{remoteId}` (new order) and
 * `PUT remoteId/{remoteId}/remoteOrder/{remoteOrderId}/posOrderStatus`.
 */
export type DeliveryHeroRoute =
  { kind: 'NEW_ORDER'; remoteId: string } | { kind: 'ORDER_STATUS'; remoteId: string; remoteOrderId: string };

export function deliveryHeroRoute(method: string, subPath: string): DeliveryHeroRoute | null {
  const segments = pathSegments(subPath);
  const verb = method.toUpperCase();
  if (verb === 'POST' && segments.length === 2 && segments[0] === 'order' && segments[1]) {
    return { kind: 'NEW_ORDER', remoteId: segments[1] };
  }
  if (
    verb === 'PUT' &&
    segments.length === 5 &&
    segments[0] === 'remoteId' &&
    segments[1] &&
    segments[2] === 'remoteOrder' &&
    segments[3] &&
    segments[4] === 'posOrderStatus'
  ) {
    return { kind: 'ORDER_STATUS', remoteId: segments[1], remoteOrderId: segments[3] };
  }
  return null;
}
