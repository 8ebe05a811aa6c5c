/**
 * Step 4's third live-room choice, the local bridge (docs/sources/local-bridge.md): a bridge token for
 * the host's own program (the push address, the token shown once, and a ready curl line to paste), or a
 * Social Stream Ninja session the studio listens to (what to switch on in SSN, then the session ID).
 * Both go through the existing commands (`seats.create` role bridge, `bridges.create`); each shows its
 * state from the engine's sources, so the host sees the first event arrive.
 */
import { useState } from 'react';
import type { BridgeView, SeatInvite, SourceHealth } from '../../../shared/contract';
import { SsnBridgeForm } from '../components/SsnBridgeForm';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { gatewayKindOf } from '../settings/GatewayPanel';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { useSetupT } from './i18n';

const NO_SOURCES: SourceHealth[] = [];
const NO_BRIDGES: BridgeView[] = [];

/** A value to paste: read-only, selected on focus, with a copy button. */
function Pasteable({ label, value, testId }: { label: string; value: string; testId: string }) {
  const t = useSetupT();
  return (
    <div className="field-row">
      <label className="field-row__label" htmlFor={testId}>
        {label}
      </label>
      <input
        id={testId}
        className="invite__url"
        readOnly
        value={value}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
        {t('room.copy')}
      </button>
    </div>
  );
}

/** The curl line for the host's program: the same request PROTOCOL B takes, with this token. */
export function bridgeCurl(url: string, token: string): string {
  const event = '[{"id":"c1","platform":"xhs","occurredAt":null,"kind":"chat","data":{"text":"3号有S码吗"}}]';
  return `curl -X POST -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" ${url} -d '${event}'`;
}

function OwnProgram() {
  const t = useSetupT();
  const [invite, setInvite] = useState<SeatInvite | null>(null);
  const source = useStudio((s) =>
    invite ? (s.state?.sources ?? NO_SOURCES).find((x) => x.id === `bridge:${invite.seat.id}`) : undefined,
  );
  const create = async () => {
    const created = await run('seats.create', { role: 'bridge', label: t('room.bridgeLabel') });
    if (created) setInvite(created);
  };
  return (
    <section className="setup-bridge" aria-labelledby="setup-bridge-own" data-testid="setup-bridge-own">
      <h3 id="setup-bridge-own">{t('room.bridgeOwn')}</h3>
      <p className="hint">{t('room.bridgeOwnHint')}</p>
      <button
        type="button"
        className="setup-bridge__create"
        onClick={() => void create()}
        data-testid="setup-bridge-create"
      >
        {t('room.bridgeCreate')}
      </button>
      {invite && (
        <>
          <Pasteable label={t('room.bridgeUrl')} value={invite.url} testId="setup-bridge-url" />
          <Pasteable label={t('room.bridgeToken')} value={invite.token} testId="setup-bridge-token" />
          <p className="hint">{t('room.bridgePaste')}</p>
          <pre className="setup-code" data-testid="setup-bridge-curl">
            {bridgeCurl(invite.url, invite.token)}
          </pre>
          <p role="status" data-testid="setup-bridge-state">
            {source?.lastEventAt ? t('room.bridgeLive', { n: source.perMinute }) : t('room.bridgeWaiting')}
          </p>
        </>
      )}
    </section>
  );
}

function SsnSession() {
  const t = useSetupT();
  const ct = useT();
  const bridges = useStudio((s) => s.state?.bridges ?? NO_BRIDGES);
  const [added, setAdded] = useState<string | null>(null);
  const bridge = bridges.find((b) => b.id === added);
  return (
    <section className="setup-bridge" aria-labelledby="setup-bridge-ssn" data-testid="setup-bridge-ssn">
      <h3 id="setup-bridge-ssn">{t('room.ssn')}</h3>
      <p className="hint">{t('room.ssnPaste')}</p>
      <SsnBridgeForm
        labels={{ session: t('room.ssnSession'), relay: t('room.ssnRelay'), add: t('room.ssnAdd') }}
        onAdded={setAdded}
        testId="setup-ssn"
      />
      {bridge && (
        <p role="status" data-testid="setup-ssn-state" data-state={bridge.state}>
          {t('room.ssnState', {
            label: bridge.label,
            state: ct(`sources.state.${bridge.state === 'stopped' ? 'disconnected' : bridge.state}` as MessageKey),
            n: bridge.events,
          })}
          {bridge.reason && bridge.state !== 'connected' ? ` (${bridge.reason})` : ''}
        </p>
      )}
    </section>
  );
}

/** Bridges only (`{ kind: 'local' }`): the step sets it when chosen over the demo room; over a team gateway, on request. */
export function useLocalOnly(): () => Promise<void> {
  const show = useToasts((s) => s.show);
  const ct = useT();
  return async () => {
    if (await run('gateway.configure', { kind: 'local' })) show(ct('common.saved'));
  };
}

/** What the live room is while the local bridge is chosen: bridges only, or what else still feeds it. */
function BridgesOnly() {
  const t = useSetupT();
  const ct = useT();
  const kind = useStudio((s) => gatewayKindOf(s.state?.gateway.source));
  const bridgesOnly = useLocalOnly();
  if (kind === 'local')
    return (
      <p className="hint" role="status" data-testid="setup-bridge-mode" data-kind="local">
        {t('room.localOnly')}
      </p>
    );
  return (
    <p className="hint" role="status" data-testid="setup-bridge-mode" data-kind={kind}>
      {t(kind === 'demo' ? 'room.demoAlongside' : 'room.remoteAlongside')}{' '}
      <button type="button" onClick={() => void bridgesOnly()} data-testid="setup-bridge-only">
        {ct('gateway.applyLocal')}
      </button>
    </p>
  );
}

export function LocalBridgeSetup() {
  return (
    <div data-testid="setup-bridge">
      <BridgesOnly />
      <OwnProgram />
      <SsnSession />
    </div>
  );
}
