import type { OverviewRoute } from '../api/types';

/**
 * The base URL of a route on its traffic listener, as this browser reaches it: the page's own
 * host name, the listener's port and the route's path prefix (no trailing slash).
 */
export function routeBase(
  route: Pick<OverviewRoute, 'port' | 'pathPrefix'>,
  location = window.location,
) {
  const prefix = (route.pathPrefix ?? '').replace(/\/+$/, '');
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  return `${location.protocol === 'https:' ? 'https:' : 'http:'}//${host}:${route.port}${prefix}`;
}

/** The route's label in a select: its name, port and path. */
export function routeLabel(route: OverviewRoute) {
  return `${route.name} (:${route.port}${route.pathPrefix ?? '/'})`;
}
