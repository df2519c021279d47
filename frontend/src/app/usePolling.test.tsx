import { act, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { usePolling } from './usePolling';

function Counter(props: { load: () => Promise<number> }) {
  const { data } = usePolling(props.load, 5_000, []);
  return <p>{data ?? 'none'}</p>;
}

function setVisibility(state: 'visible' | 'hidden', announce = true) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  if (announce) document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible', false);
});

test('polls while the tab is visible, pauses while hidden and reloads when shown again', async () => {
  vi.useFakeTimers();
  let count = 0;
  const load = vi.fn(async () => ++count);
  render(<Counter load={load} />);
  await act(async () => {});
  expect(screen.getByText('1')).toBeInTheDocument();

  await act(async () => vi.advanceTimersByTime(5_000));
  expect(screen.getByText('2')).toBeInTheDocument();

  setVisibility('hidden');
  await act(async () => vi.advanceTimersByTime(20_000));
  expect(load).toHaveBeenCalledTimes(2);

  await act(async () => setVisibility('visible'));
  expect(load).toHaveBeenCalledTimes(3);
  expect(screen.getByText('3')).toBeInTheDocument();
});
