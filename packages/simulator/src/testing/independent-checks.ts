import { createHmac, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';

/**
 * Test-side readings of the wire formats, written without the simulator's own
 * helpers: if the simulator renders money or signs wrongly, these disagree.
 */

export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function verifyDeliveroo(secret: string, headers: Record<string, string>, body: string): boolean {
  const guid = headers['x-deliveroo-sequence-guid'];
  const signature = headers['x-deliveroo-hmac-sha256'];
  if (!guid || !signature) return false;
  return (
    sameText(signature, hmacHex(secret, `${guid} ${body}`)) ||
    sameText(signature, hmacHex(secret, `${guid} \n ${body}`))
  );
}

export function verifyCareem(
  secret: string,
  headers: Record<string, string>,
  body: string,
  nowSeconds: number,
): boolean {
  const signature = headers['x-careem-signature'];
  const timestamp = headers['x-careem-timestamp'];
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Number(timestamp) - nowSeconds) > 300) return false;
  return sameText(signature, hmacHex(secret, `${timestamp}.${body}`));
}

export function verifyJahez(secret: string, headers: Record<string, string>): boolean {
  const authorization = headers['authorization'];
  return authorization !== undefined && sameText(authorization, `Bearer ${secret}`) && Boolean(headers['x-request-id']);
}

export async function verifyTalabat(
  secret: string,
  headers: Record<string, string>,
  nowSeconds: number,
): Promise<boolean> {
  const authorization = headers['authorization'];
  if (!authorization?.startsWith('Bearer ')) return false;
  try {
    const { payload } = await jwtVerify(authorization.slice('Bearer '.length), new TextEncoder().encode(secret), {
      algorithms: ['HS512'],
      currentDate: new Date(nowSeconds * 1000),
    });
    return payload['service'] === 'middleware' && typeof payload.iat === 'number' && payload.iat <= nowSeconds + 300;
  } catch {
    return false;
  }
}
