import { useRef, useState } from 'react';
import { useT } from '../i18n';
import { selectCanOperate } from '../store/selectors';
import { useStudio } from '../store/studio';
import { ImportError, type ImportProgress, type ImportReply, uploadCatalogue } from './upload';

/** Import a catalogue (CSV/XLSX): choose or drop a file, watch the progress, read the rejected lines. */
export function ImportPanel() {
  const t = useT();
  const canOperate = useStudio(selectCanOperate);
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportReply | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  if (!canOperate) return null;

  const start = async (file: File) => {
    setResult(null);
    setFailure(null);
    setProgress({ phase: 'uploading', fraction: 0 });
    try {
      setResult(await uploadCatalogue(file, setProgress));
    } catch (error) {
      if (error instanceof ImportError && error.code === 'unsupported_file') setFailure(t('import.unsupported'));
      else if (error instanceof ImportError && error.status === 404) setFailure(t('import.notAvailable'));
      else setFailure(t('import.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="panel import" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('import.title')}</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard path */}
      <div
        className={`dropzone${dragOver ? ' dropzone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void start(file);
        }}
      >
        <label htmlFor="import-file">{t('import.choose')}</label>
        <input
          id="import-file"
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={progress !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void start(file);
          }}
        />
        <p className="muted">{t('import.columns')}</p>
      </div>
      {progress && (
        <div className="import__progress" data-testid="import-progress">
          <progress
            max={1}
            value={progress.phase === 'uploading' ? progress.fraction : undefined}
            aria-label={t('import.progress')}
          />
          <span>
            {progress.phase === 'uploading'
              ? t('import.uploading', { percent: Math.round(progress.fraction * 100) })
              : t('import.processing')}
          </span>
        </div>
      )}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {result && (
        <div data-testid="import-result" role="status">
          <p className={result.errors.length ? 'warn-text' : 'ok'}>
            {t('import.done', { imported: result.imported, errors: result.errors.length })}
          </p>
          {result.errors.length > 0 && (
            <table className="table import__errors" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e) => (
                  <tr key={`${e.line}:${e.message}`}>
                    <td>{t('import.lineN', { n: e.line })}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
