import { useState } from 'react';
import { LOCAL_ROOM } from '../../../shared/contract/studio';
import { RadioChoices } from '../components/RadioChoices';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { selectGateway, selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';

export const GATEWAY_KINDS = ['demo', 'remote', 'local'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/** Which kind of live room the `gateway` state shows. */
export function gatewayKindOf(source: string | undefined): GatewayKind {
  return source === undefined || source === 'demo' ? 'demo' : source === LOCAL_ROOM ? 'local' : 'remote';
}

const CHOICE_LABEL: Record<GatewayKind, MessageKey> = {
  demo: 'gateway.useDemo',
  remote: 'gateway.useRemote',
  local: 'gateway.useLocal',
};

/**
 * Where live chat and orders come from: the built-in demo room (with its speed), a team gateway (URL,
 * room, read token), or no gateway at all (only this computer's bridges). Everyone sees the link's state;
 * only the host changes it. With `only`, the choice is made outside (the setup's live-room step) and only
 * that kind's fields are shown.
 */
export function GatewayPanel({ only }: { only?: GatewayKind } = {}) {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const gateway = useStudio(selectGateway);
  const show = useToasts((s) => s.show);
  const current = gatewayKindOf(gateway?.source);
  const [chosen, setKind] = useState<GatewayKind>(current);
  // The setup's live-room step makes the choice itself and shows one kind's fields.
  const kind = only ?? chosen;
  const [speed, setSpeed] = useState('1');
  const [url, setUrl] = useState(gateway && current === 'remote' ? gateway.source : '');
  const [room, setRoom] = useState(gateway && current === 'remote' ? gateway.room : '');
  const [token, setToken] = useState('');
  const apply = async () => {
    const result =
      kind === 'demo'
        ? await run('gateway.configure', { kind: 'demo', speed: Math.min(100, Math.max(1, Number(speed) || 1)) })
        : kind === 'local'
          ? await run('gateway.configure', { kind: 'local' })
          : await run('gateway.configure', { kind: 'remote', url: url.trim(), room: room.trim(), token: token.trim() });
    if (result) {
      setToken('');
      show(t('common.saved'));
    }
  };
  return (
    <section aria-labelledby="gateway-title" className="settings-section" data-testid="gateway-panel">
      <h2 id="gateway-title">{t('settings.gateway')}</h2>
      <dl className="status-grid">
        <dt>{t('settings.gatewaySource')}</dt>
        <dd>
          {gateway
            ? current === 'demo'
              ? t('gateway.demoRoom')
              : current === 'local'
                ? t('gateway.localSource')
                : gateway.source
            : '—'}
        </dd>
        <dt>{t('settings.gatewayRoom')}</dt>
        <dd>{gateway?.room ?? '—'}</dd>
        <dt>{t('settings.gatewayStatus')}</dt>
        <dd>
          {gateway ? t(`gateway.${gateway.status}` as MessageKey, { behind: gateway.behind, room: gateway.room }) : '—'}
          {gateway?.reason ? ` (${gateway.reason})` : ''}
        </dd>
      </dl>
      {isHost && (
        <form
          className="gateway-form"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          {!only && (
            <fieldset className="field-row">
              <legend className="visually-hidden">{t('settings.gatewaySource')}</legend>
              <RadioChoices
                name="gw"
                choices={GATEWAY_KINDS}
                value={kind}
                onChange={setKind}
                label={(k) => t(CHOICE_LABEL[k])}
                testId="gateway-kind"
              />
            </fieldset>
          )}
          {kind === 'local' ? (
            <p className="hint" data-testid="gateway-local-hint">
              {t('gateway.localHint')}
            </p>
          ) : kind === 'demo' ? (
            <label className="field-row">
              <span className="field-row__label">{t('gateway.speed')}</span>
              <input type="number" min={1} max={100} value={speed} onChange={(e) => setSpeed(e.target.value)} />
            </label>
          ) : (
            <>
              <label className="field-row">
                <span className="field-row__label">{t('gateway.url')}</span>
                <input
                  type="url"
                  required
                  value={url}
                  placeholder="https://gateway.example.com"
                  onChange={(e) => setUrl(e.target.value)}
                />
              </label>
              <label className="field-row">
                <span className="field-row__label">{t('gateway.room')}</span>
                <input required value={room} onChange={(e) => setRoom(e.target.value)} />
              </label>
              <label className="field-row">
                <span className="field-row__label">{t('gateway.token')}</span>
                <input
                  type="password"
                  autoComplete="off"
                  required
                  value={token}
                  onChange={(e) => setToken(e.target.value)}
                />
              </label>
            </>
          )}
          <button type="submit" className="primary" data-testid="gateway-apply">
            {t(kind === 'local' ? 'gateway.applyLocal' : 'gateway.apply')}
          </button>
        </form>
      )}
    </section>
  );
}
