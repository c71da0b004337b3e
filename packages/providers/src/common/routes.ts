import type { Rejection } from '../adapter';
import { rejection } from './errors';

/** 'a/b/' and '/a/b' -> ['a', 'b']; '' -> []. */
export function pathSegments(subPath: string): string[] {
  const trimmed = subPath.replace(/^\/+|\/+$/g, '');
  return trimmed ? trimmed.split('/') : [];
}

export function unknownRoute(provider: string, method: string, subPath: string): Rejection {
  const shown = subPath.length > 100 ? `${subPath.slice(0, 100)}…` : subPath;
  return rejection(404, 'UNKNOWN_ROUTE', `${provider} does not call ${method} /${shown}.`);
}

/** For providers with fixed routes: each entry is 'METHOD sub/path' ('' for the base path). */
export function fixedRoutes(
  provider: string,
  routes: readonly string[],
): (method: string, subPath: string) => Rejection | null {
  return (method: string, subPath: string): Rejection | null => {
    const route = `${method.toUpperCase()} ${pathSegments(subPath).join('/')}`;
    return routes.includes(route) ? null : unknownRoute(provider, method, subPath);
  };
}
