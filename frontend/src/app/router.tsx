// A router in a few lines on the History API: the pages are paths under /ui/ (the gateway
// answers index.html for any of them), so no router library is needed.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const UI_BASE = '/ui';

function subscribe(listener: () => void) {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

/** The current page path relative to /ui ('/', '/config', ...). */
export function pagePath(pathname: string = window.location.pathname): string {
  let path = pathname.startsWith(UI_BASE) ? pathname.slice(UI_BASE.length) : pathname;
  if (path === '' || path === '/index.html') path = '/';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

export function usePagePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => pagePath(),
    () => '/',
  );
}

export function navigate(path: string) {
  window.history.pushState(null, '', UI_BASE + (path === '/' ? '/' : path));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** A link to a page of the UI that changes the page without reloading. */
export function Link(props: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { to, ...rest } = props;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={UI_BASE + (to === '/' ? '/' : to)} onClick={onClick} {...rest} />;
}
