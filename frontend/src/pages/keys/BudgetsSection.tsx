import { useId, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api/client';
import type { Budget, BudgetSpend } from '../../api/types';
import { Alert } from '../../app/Alert';
import { type Column, DataTable } from '../../app/DataTable';
import { usePolling } from '../../app/usePolling';

const POLL_MS = 10_000;

interface BudgetWithSpend {
  budget: Budget;
  spend: BudgetSpend | undefined;
}

async function loadBudgets(signal: AbortSignal): Promise<BudgetWithSpend[]> {
  const { budgets } = await api<{ budgets: Budget[] }>('/budgets', { signal });
  return Promise.all(
    budgets.map(async (budget) => ({
      budget,
      spend: await api<BudgetSpend>(`/budgets/${encodeURIComponent(budget.id)}/spend`, {
        signal,
      }).catch(() => undefined),
    })),
  );
}

function amountText(unit: string, value: number) {
  return unit === 'usd' ? `$${value.toFixed(2)}` : `${Math.round(value)} tokens`;
}

function SpendMeter({ budget, spend }: BudgetWithSpend) {
  const used = spend ? spend.spent + spend.reserved : 0;
  const percent = budget.amount > 0 ? Math.min(100, (used / budget.amount) * 100) : 100;
  return (
    <>
      <div
        role="progressbar"
        aria-label={`Spend of ${budget.id}`}
        aria-valuemin={0}
        aria-valuemax={budget.amount}
        aria-valuenow={Math.min(used, budget.amount)}
        aria-valuetext={`${amountText(budget.unit, used)} of ${amountText(budget.unit, budget.amount)}`}
        className={percent >= 100 ? 'meter full' : 'meter'}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <small>
        {amountText(budget.unit, used)} of {amountText(budget.unit, budget.amount)}
      </small>
    </>
  );
}

const BUDGET_COLUMNS: Column<BudgetWithSpend>[] = [
  { header: 'Id', cell: ({ budget }) => <code>{budget.id}</code> },
  { header: 'Scope', cell: ({ budget }) => budget.scope },
  { header: 'Subject', cell: ({ budget }) => budget.subject },
  { header: 'Window', cell: ({ budget }) => budget.window },
  { header: 'Mode', cell: ({ budget }) => budget.mode },
  { header: 'Spend', cell: (row) => <SpendMeter {...row} /> },
];

export function BudgetsSection() {
  const budgets = usePolling(loadBudgets, POLL_MS, []);
  const [form, setForm] = useState({
    scope: 'team',
    subject: '',
    unit: 'usd',
    amount: '',
    window: 'monthly',
    mode: 'hard',
  });
  const [error, setError] = useState<string>();
  const id = useId();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [name]: event.target.value });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api<Budget>('/budgets', {
        method: 'POST',
        body: { ...form, subject: form.subject.trim(), amount: Number(form.amount) },
      });
      setForm({ ...form, subject: '', amount: '' });
      budgets.reload();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Budgets</h2>
      <Alert message={budgets.error} />
      <DataTable
        caption="Budgets"
        columns={BUDGET_COLUMNS}
        rows={budgets.data ?? []}
        rowKey={({ budget }) => budget.id}
        empty={budgets.data ? 'No budgets yet.' : undefined}
      />
      <form onSubmit={create} className="form" aria-label="Create a budget">
        <label htmlFor={`${id}-scope`}>Scope</label>
        <select id={`${id}-scope`} value={form.scope} onChange={set('scope')}>
          {['key', 'team', 'user', 'route'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input id={`${id}-subject`} required value={form.subject} onChange={set('subject')} />
        <label htmlFor={`${id}-unit`}>Unit</label>
        <select id={`${id}-unit`} value={form.unit} onChange={set('unit')}>
          <option value="usd">USD</option>
          <option value="tokens">tokens</option>
        </select>
        <label htmlFor={`${id}-amount`}>Amount</label>
        <input
          id={`${id}-amount`}
          type="number"
          min={0}
          step="any"
          required
          value={form.amount}
          onChange={set('amount')}
        />
        <label htmlFor={`${id}-window`}>Window</label>
        <select id={`${id}-window`} value={form.window} onChange={set('window')}>
          {['daily', 'weekly', 'monthly', 'lifetime'].map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
        <label htmlFor={`${id}-mode`}>Mode</label>
        <select id={`${id}-mode`} value={form.mode} onChange={set('mode')}>
          <option value="hard">hard (refuse)</option>
          <option value="soft">soft (alert only)</option>
        </select>
        <span />
        <div className="actions">
          <button type="submit">Create budget</button>
        </div>
      </form>
      <Alert message={error} />
    </section>
  );
}
