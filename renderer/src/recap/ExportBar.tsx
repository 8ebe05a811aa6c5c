/** CSV/JSON (the ledger's export) and the shareable report (HTML, PDF) with visible progress. */

import { useState } from 'react';
import type { Language } from '../../../shared/language';
import { useStudio } from '../store/studio';
import { downloadExport, type ExportKind } from './api';
import type { RecapT } from './i18n';

export function ExportBar(props: { sessionId: string; t: RecapT; lang: Language }) {
  const { t } = props;
  const [reportLang, setReportLang] = useState<Language>(props.lang);
  const [status, setStatus] = useState<{ busy: boolean; text: string }>({ busy: false, text: '' });
  const run = async (kind: ExportKind, label: string) => {
    setStatus({ busy: true, text: t('recap.exporting', { what: label }) });
    try {
      const file = await downloadExport(props.sessionId, kind, reportLang, (bytes) =>
        setStatus({ busy: true, text: `${t('recap.exporting', { what: label })} ${(bytes / 1024).toFixed(0)} KB` }),
      );
      setStatus({ busy: false, text: t('recap.exported', { file }) });
    } catch (error) {
      setStatus({ busy: false, text: t('recap.exportFailed', { message: (error as Error).message }) });
    }
  };
  // The data exports carry buyer ids: the host's only (PROTOCOL D); every seat may print the report.
  const isHost = useStudio((s) => s.seat?.role === 'host');
  const buttons: [ExportKind, string][] = [
    ...(isHost
      ? ([
          ['csv', t('recap.csv')],
          ['json', t('recap.json')],
        ] as [ExportKind, string][])
      : []),
    ['html', t('recap.html')],
    ['pdf', t('recap.pdf')],
  ];
  return (
    <section className="recap-export no-print" aria-labelledby="recap-export-title">
      <h2 id="recap-export-title">{t('recap.export')}</h2>
      <div className="row">
        {buttons.map(([kind, label]) => (
          <button key={kind} type="button" disabled={status.busy} onClick={() => void run(kind, label)}>
            {label}
          </button>
        ))}
        <button type="button" onClick={() => window.print()}>
          {t('recap.print')}
        </button>
        <label>
          {t('recap.reportLang')}{' '}
          <select value={reportLang} onChange={(e) => setReportLang(e.target.value as Language)}>
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <p role="status" aria-live="polite" className="muted" data-testid="export-status">
        {status.busy && <span className="spinner" aria-hidden="true" />} {status.text}
      </p>
    </section>
  );
}
