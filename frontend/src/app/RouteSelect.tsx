import type { OverviewRoute } from '../api/types';
import { routeLabel } from './traffic';

/** The playgrounds' route picker: a labelled select of routes by name, port and path. */
export function RouteSelect(props: {
  id: string;
  label?: string;
  routes: OverviewRoute[];
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label ?? 'Route'}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.routes.map((r) => (
          <option key={r.key} value={r.key}>
            {routeLabel(r)}
          </option>
        ))}
      </select>
    </>
  );
}
