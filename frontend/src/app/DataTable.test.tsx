import { render, screen, within } from '@testing-library/react';
import { DataTable } from './DataTable';

const columns = [
  { header: 'Name', cell: (r: { name: string; n: number }) => r.name },
  { header: 'Count', cell: (r: { name: string; n: number }) => r.n },
];

test('a row per item under scoped column headers', () => {
  render(
    <DataTable
      caption="Things"
      columns={columns}
      rows={[
        { name: 'a', n: 1 },
        { name: 'b', n: 2 },
      ]}
      rowKey={(r) => r.name}
      empty="None."
    />,
  );
  const table = screen.getByRole('table', { name: 'Things' });
  const headers = within(table).getAllByRole('columnheader');
  expect(headers.map((h) => h.textContent)).toEqual(['Name', 'Count']);
  expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((r) => r.textContent)).toEqual(['a1', 'b2']);
});

test('the empty message spans the table, and only once the data has loaded', () => {
  const { rerender } = render(
    <DataTable caption="Things" columns={columns} rows={[]} rowKey={(r) => r.name} />,
  );
  expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1);
  rerender(
    <DataTable caption="Things" columns={columns} rows={[]} rowKey={(r) => r.name} empty="None." />,
  );
  const cell = screen.getByRole('cell', { name: 'None.' });
  expect(cell.getAttribute('colspan')).toBe('2');
});
