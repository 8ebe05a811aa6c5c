/**
 * Reconciliation on the recap (PROTOCOL D): drop the platform's order export, check the column guesses
 * against a preview of the first rows (a correction is remembered for files of the same shape), then see
 * what matched, what only one side had, the amounts that differ, the refunds added, and the figures
 * before and after. Host only: it changes the session's figures.
 */
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { HEADLINE_KEYS } from '../../../shared/recap/compare';
import { fmtFigure } from '../../../shared/recap/format';
import { type ColumnMapping, EXPORT_FIELDS, type ExportField } from '../../../shared/reconcile/fields';
import { type ExportPreview, type ReconcileAnswer, recapApi } from './api';
import type { RecapT } from './i18n';

const MAPPINGS_KEY = 'maishou.reconcile.mappings';

/** Corrected mappings by header signature, kept in this browser. */
function rememberedMapping(signature: string): ColumnMapping | null {
  try {
    const all = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, ColumnMapping>;
    return all[signature] ?? null;
  } catch {
    return null;
  }
}

function rememberMapping(signature: string, mapping: ColumnMapping): void {
  try {
    const all = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, ColumnMapping>;
    all[signature] = mapping;
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch {
    // storage full or disabled: the guess is offered again next time
  }
}

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'mapping'; file: File; preview: ExportPreview; mapping: ColumnMapping; remembered: boolean }
  | { kind: 'result'; file: File; answer: ReconcileAnswer };

export function ReconcilePanel(props: {
  sessionId: string;
  t: RecapT;
  lang: 'zh-CN' | 'en';
  onReconciled: () => void;
}) {
  const { t, lang } = props;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step.kind === 'mapping' || step.kind === 'result') heading.current?.focus();
  }, [step.kind]);

  const open = async (file: File) => {
    setError(null);
    setStep({ kind: 'busy', text: t('reconcile.reading', { file: file.name }) });
    try {
      const preview = await recapApi.previewExport(props.sessionId, file);
      const saved = rememberedMapping(preview.signature);
      setStep({ kind: 'mapping', file, preview, mapping: saved ?? preview.mapping, remembered: saved !== null });
    } catch (e) {
      setError(t('reconcile.failed', { message: (e as Error).message }));
      setStep({ kind: 'idle' });
    }
  };

  const apply = async (s: Extract<Step, { kind: 'mapping' }>) => {
    setError(null);
    setStep({ kind: 'busy', text: t('reconcile.applying') });
    try {
      const answer = await recapApi.reconcile(props.sessionId, s.file, s.file.name, s.mapping);
      const guessed = EXPORT_FIELDS.every((f) => s.mapping[f] === s.preview.mapping[f]);
      if (!guessed) rememberMapping(s.preview.signature, s.mapping);
      setStep({ kind: 'result', file: s.file, answer });
      props.onReconciled();
    } catch (e) {
      setError(t('reconcile.failed', { message: (e as Error).message }));
      setStep(s);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void open(file);
  };

  return (
    <section
      aria-labelledby="recap-reconcile"
      className={`reconcile no-print${over ? ' drop-over' : ''}`}
      data-testid="reconcile-panel"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="recap-reconcile" ref={heading} tabIndex={-1}>
        {step.kind === 'result' ? t('reconcile.result', { file: step.file.name }) : t('reconcile.title')}
      </h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {step.kind === 'idle' && (
        <div className="drop-zone" data-testid="reconcile-drop">
          <p>{t('reconcile.hint')}</p>
          <label className="button">
            {t('reconcile.choose')}
            <input
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="reconcile-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void open(file);
              }}
            />
          </label>
        </div>
      )}
      {step.kind === 'busy' && <p role="status">{step.text}</p>}
      {step.kind === 'mapping' && (
        <MappingStep
          step={step}
          t={t}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onApply={() => apply(step)}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      )}
      {step.kind === 'result' && (
        <ResultStep answer={step.answer} t={t} lang={lang} onDone={() => setStep({ kind: 'idle' })} />
      )}
    </section>
  );
}

function MappingStep(props: {
  step: Extract<Step, { kind: 'mapping' }>;
  t: RecapT;
  onChange: (m: ColumnMapping) => void;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { step, t } = props;
  const { preview } = step;
  return (
    <div data-testid="reconcile-mapping">
      <p>{t('reconcile.mapping', { line: preview.headerLine, n: preview.rowCount })}</p>
      {step.remembered && <p className="muted">{t('reconcile.remembered')}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('reconcile.field')}</th>
            <th scope="col">{t('reconcile.column')}</th>
          </tr>
        </thead>
        <tbody>
          {EXPORT_FIELDS.map((field: ExportField) => (
            <tr key={field}>
              <th scope="row">
                <label htmlFor={`map-${field}`}>{t(`field.${field}`)}</label>
              </th>
              <td>
                <select
                  id={`map-${field}`}
                  data-testid={`map-${field}`}
                  value={step.mapping[field] ?? ''}
                  onChange={(e) =>
                    props.onChange({ ...step.mapping, [field]: e.target.value === '' ? null : e.target.value })
                  }
                >
                  <option value="">{t('reconcile.none')}</option>
                  {preview.header.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('reconcile.preview')}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="reconcile-preview">
          <thead>
            <tr>
              {preview.header.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity of their own
              <tr key={i}>
                {preview.header.map((h, j) => (
                  <td key={h}>{row[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" className="primary" data-testid="reconcile-apply" onClick={props.onApply}>
          {t('reconcile.apply')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('reconcile.cancel')}
        </button>
      </div>
    </div>
  );
}

function ResultStep(props: { answer: ReconcileAnswer; t: RecapT; lang: 'zh-CN' | 'en'; onDone: () => void }) {
  const { answer: a, t, lang } = props;
  const list = (key: Parameters<RecapT>[0], ids: string[], testId: string) => (
    <div data-testid={testId}>
      <dt>
        {t(key)}: {ids.length}
      </dt>
      <dd>{ids.join('、') || '—'}</dd>
    </div>
  );
  return (
    <div data-testid="reconcile-result">
      {a.unchanged && <p role="status">{t('reconcile.unchanged')}</p>}
      <dl className="reconcile-counts">
        <div data-testid="reconcile-matched">
          <dt>{t('reconcile.matched')}</dt>
          <dd>{a.matched}</dd>
        </div>
        {list('reconcile.onlyInExport', a.onlyInExport, 'reconcile-only-export')}
        {list('reconcile.onlyInStudio', a.onlyInStudio, 'reconcile-only-studio')}
        {list(
          'reconcile.mismatches',
          a.amountMismatches.map(
            (m) => `${m.orderId} ${fmtFigure('paidGmv', m.studio, lang)} → ${fmtFigure('paidGmv', m.export, lang)}`,
          ),
          'reconcile-mismatches',
        )}
        {list(
          'reconcile.refundsAdded',
          a.refundsAdded.map((r) => `${r.orderId} ${fmtFigure('paidGmv', r.amount, lang)}`),
          'reconcile-refunds',
        )}
        <div>
          <dt>{t('reconcile.outside')}</dt>
          <dd>{a.outsideWindow}</dd>
        </div>
      </dl>
      <table className="table" data-testid="reconcile-figures">
        <thead>
          <tr>
            <th scope="col">{t('compare.figure')}</th>
            <th scope="col">{t('reconcile.before')}</th>
            <th scope="col">{t('reconcile.after')}</th>
          </tr>
        </thead>
        <tbody>
          {HEADLINE_KEYS.map((key) => (
            <tr key={key} data-figure={key}>
              <th scope="row">{t(`figure.${key}`)}</th>
              <td className="num">{fmtFigure(key, a.before[key], lang)}</td>
              <td className="num">{fmtFigure(key, a.figures[key], lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={props.onDone}>
        {t('reconcile.done')}
      </button>
    </div>
  );
}
