import type { ReactNode } from 'react';

/** One column of a {@link DataTable}: its header and how a row shows in it. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * The pages' table: a caption (visually hidden when a heading beside it already says the same),
 * column headers scoped for screen readers, one row per item, and a full-width row with
 * {@code empty} when there are no rows ({@code empty} is left out while the data is still loading,
 * so that "nothing yet" is never shown before the first answer).
 */
export function DataTable<T>(props: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: string;
}) {
  return (
    <table>
      <caption className={props.captionHidden ? 'visually-hidden' : undefined}>
        {props.caption}
      </caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <td key={c.header}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
        {props.empty !== undefined && props.rows.length === 0 && (
          <tr>
            <td colSpan={props.columns.length}>{props.empty}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
