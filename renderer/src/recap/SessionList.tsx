/** The sessions list: sort, filter by date range and title, totals of what is shown, pick two to compare. */
import { useEffect, useMemo, useState } from 'react';
import { fmtDateTime, fmtDuration, fmtInt, fmtMoney } from '../../../shared/recap/format';
import type { SessionListRow } from '../../../shared/recap/types';
import { useStudio } from '../store/studio';
import { recapApi } from './api';
import { useRecapT } from './i18n';
import { goTo, hrefOf, onNavigate } from './location';
import { SortableTable } from './SortableTable';

const dayStart = (date: string) => new Date(`${date}T00:00:00`).getTime();

export function SessionList() {
  const t = useRecapT();
  const lang = useStudio((s) => s.language);
  const [rows, setRows] = useState<SessionListRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  useEffect(() => {
    recapApi.sessions().then(setRows, (e: Error) => setError(e.message));
  }, []);
  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (rows ?? []).filter(
      (r) =>
        (q === '' || r.title.toLowerCase().includes(q)) &&
        (from === '' || r.startedAt >= dayStart(from)) &&
        (to === '' || r.startedAt < dayStart(to) + 86_400_000),
    );
  }, [rows, text, from, to]);
  if (error)
    return (
      <p role="alert" className="error">
        {t('recap.error', { message: error })}
      </p>
    );
  if (!rows) return <p role="status">{t('recap.loading')}</p>;
  if (rows.length === 0) return <p>{t('list.empty')}</p>;
  const cur = rows[0].paidGmv.currency;
  const sum = (f: (r: SessionListRow) => number) => shown.reduce((a, r) => a + f(r), 0);
  const dur = (r: SessionListRow) => (r.endedAt ?? Date.now()) - r.startedAt;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <>
      <search className="recap-filters">
        <label>
          {t('list.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          {t('list.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('list.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button
          type="button"
          onClick={() => {
            setText('');
            setFrom('');
            setTo('');
          }}
        >
          {t('list.clear')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={picked.length !== 2}
          onClick={() => {
            // A is the earlier session, B the later: the change reads as "B against A".
            const [a, b] = [...picked].sort(
              (x, y) => (rows.find((r) => r.id === x)?.startedAt ?? 0) - (rows.find((r) => r.id === y)?.startedAt ?? 0),
            );
            goTo({ kind: 'compare', a, b });
          }}
        >
          {t('list.compareTwo')}
        </button>
      </search>
      <SortableTable<SessionListRow>
        testId="session-list"
        caption={t('list.title')}
        sortLabel={(col) => t('list.sort', { col })}
        rows={shown}
        rowKey={(r) => r.id}
        initialSort={{ key: 'date', desc: true }}
        columns={[
          {
            key: 'pick',
            label: t('list.compare'),
            render: (r) => (
              <input
                type="checkbox"
                checked={picked.includes(r.id)}
                onChange={() => toggle(r.id)}
                aria-label={t('list.select', { title: r.title })}
              />
            ),
          },
          { key: 'date', label: t('list.date'), sort: (r) => r.startedAt, render: (r) => fmtDateTime(r.startedAt) },
          {
            key: 'title',
            label: t('list.titleCol'),
            sort: (r) => r.title,
            render: (r) => (
              <a href={hrefOf({ kind: 'recap', id: r.id })} onClick={onNavigate({ kind: 'recap', id: r.id })}>
                {r.title}
                {r.endedAt === null && <span className="badge">{t('list.running')}</span>}
                {r.rehearsal && (
                  <span className="badge badge--rehearsal" data-testid="rehearsal-badge">
                    {t('list.rehearsal')}
                  </span>
                )}
              </a>
            ),
          },
          { key: 'duration', label: t('list.duration'), numeric: true, sort: dur, render: (r) => fmtDuration(dur(r)) },
          {
            key: 'paidGmv',
            label: t('figure.paidGmv'),
            numeric: true,
            sort: (r) => r.paidGmv.amount,
            render: (r) => fmtMoney(r.paidGmv, lang),
          },
          {
            key: 'settledGmv',
            label: t('figure.settledGmv'),
            numeric: true,
            sort: (r) => r.settledGmv.amount,
            render: (r) => fmtMoney(r.settledGmv, lang),
          },
          {
            key: 'orders',
            label: t('figure.orders'),
            numeric: true,
            sort: (r) => r.orders,
            render: (r) => fmtInt(r.orders, lang),
          },
          {
            key: 'peak',
            label: t('figure.peakViewers'),
            numeric: true,
            sort: (r) => r.peakViewers,
            render: (r) => fmtInt(r.peakViewers, lang),
          },
          {
            key: 'gpm',
            label: t('list.gpm'),
            numeric: true,
            sort: (r) => r.gpm?.amount ?? null,
            render: (r) => fmtMoney(r.gpm, lang),
          },
        ]}
        footer={
          <tr data-testid="list-totals">
            <th scope="row" colSpan={3}>
              {t('list.totals', { n: shown.length })}
            </th>
            <td className="num">{fmtDuration(sum(dur))}</td>
            <td className="num">{fmtMoney({ amount: sum((r) => r.paidGmv.amount), currency: cur }, lang)}</td>
            <td className="num">{fmtMoney({ amount: sum((r) => r.settledGmv.amount), currency: cur }, lang)}</td>
            <td className="num">
              {fmtInt(
                sum((r) => r.orders),
                lang,
              )}
            </td>
            <td className="num">—</td>
            <td className="num">—</td>
          </tr>
        }
      />
    </>
  );
}
