import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import type { ConnectedSeat, SeatInvite, SeatRecord } from '../../../shared/contract';
import { ActionsHeader, RowButton } from '../components/TableParts';
import { run } from '../engine/actions';
import { type MessageKey, useT } from '../i18n';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';

const NO_SEATS: ConnectedSeat[] = [];
/** The QR code (a seat's token) hides itself after this long on screen; a button shows it again. */
export const QR_VISIBLE_MS = 60_000;

/**
 * Host only: invite an assistant (场控) or a viewer onto another device (a link and its QR code), or make
 * a bridge token for a program on this computer (its endpoint and token, no QR), see who is connected,
 * revoke a seat (its devices drop at once). LAN sharing lets phones on the same
 * network reach this computer; it is off by default.
 */
export function SeatsPanel() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const connected = useStudio((s) => s.state?.connectedSeats ?? NO_SEATS);
  const sharing = useStudio((s) => s.state?.sharing ?? null);
  const [seats, setSeats] = useState<SeatRecord[]>([]);
  const [invite, setInvite] = useState<SeatInvite | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [qrVisible, setQrVisible] = useState(false);
  const [qrShows, setQrShows] = useState(0);
  const [address, setAddress] = useState<string | null>(null);
  const available = sharing?.available ?? [];
  const pick = address && available.includes(address) ? address : (sharing?.addresses[0] ?? available[0]);

  const reload = useCallback(async () => {
    const list = await run('seats.list', {});
    if (list) setSeats(list.seats);
  }, []);
  useEffect(() => {
    if (isHost) void reload();
  }, [isHost, reload]);
  useEffect(() => {
    if (!invite || invite.seat.role === 'bridge') return setQr(null);
    let cancelled = false;
    QRCode.toDataURL(invite.url, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
      .then((data) => !cancelled && setQr(data))
      .catch(() => !cancelled && setQr(null));
    return () => {
      cancelled = true;
    };
  }, [invite]);

  // each new invite or "show again" starts a new round of QR_VISIBLE_MS on screen
  const qrRound = qr ? qrShows : -1;
  useEffect(() => {
    if (qrRound < 0) return setQrVisible(false);
    setQrVisible(true);
    const timer = setTimeout(() => setQrVisible(false), QR_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [qrRound]);

  if (!isHost) return null;
  const share = (enabled: boolean, on = pick) =>
    void run('sharing.set', { enabled, ...(enabled && on ? { address: on } : {}) });
  const create = async (role: 'assistant' | 'viewer' | 'prompter' | 'bridge') => {
    const created = await run('seats.create', { role, ...(label.trim() ? { label: label.trim() } : {}) });
    if (created) {
      setInvite(created);
      setQrShows((n) => n + 1);
      setLabel('');
      void reload();
    }
  };
  const revoke = async (id: string) => {
    if (await run('seats.revoke', { id })) {
      if (invite?.seat.id === id) setInvite(null);
      void reload();
    }
  };
  const connections = new Map(connected.map((c) => [c.id, c]));
  const active = seats.filter((s) => s.revokedAt === null);

  return (
    <section aria-labelledby="seats-title" className="settings-section" data-testid="seats-panel">
      <h2 id="seats-title">{t('seats.title')}</h2>
      <p className="muted">{t('seats.explain')}</p>
      <div className="field-row">
        <label className="checkbox">
          <input type="checkbox" checked={sharing?.enabled ?? false} onChange={(e) => share(e.target.checked)} />
          {t('seats.lan')}
        </label>
        {available.length > 1 ? (
          <label>
            {t('seats.address')}{' '}
            <select
              value={pick}
              onChange={(e) => {
                setAddress(e.target.value);
                if (sharing?.enabled) share(true, e.target.value);
              }}
            >
              {available.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        ) : (
          sharing?.enabled && <span className="muted">{sharing.addresses.join(', ')}</span>
        )}
      </div>
      <div className="field-row">
        <label htmlFor="seat-label">{t('seats.label')}</label>
        <input
          id="seat-label"
          value={label}
          maxLength={40}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={t('seats.labelPlaceholder')}
        />
        <button type="button" className="primary" onClick={() => void create('assistant')}>
          {t('seats.createAssistant')}
        </button>
        <button type="button" onClick={() => void create('viewer')}>
          {t('seats.createViewer')}
        </button>
        <button type="button" onClick={() => void create('prompter')}>
          {t('seats.createPrompter')}
        </button>
        <button type="button" onClick={() => void create('bridge')}>
          {t('seats.createBridge')}
        </button>
      </div>
      {invite && (
        <div className="invite" data-testid="seat-invite">
          {qr && qrVisible && (
            <img src={qr} width={220} height={220} alt={t('seats.qrAlt', { label: invite.seat.label })} />
          )}
          {qr && !qrVisible && (
            <button type="button" data-testid="show-qr" onClick={() => setQrShows((n) => n + 1)}>
              {t('seats.showQr')}
            </button>
          )}
          <div className="invite__text">
            <div>
              <strong>{invite.seat.label}</strong> · {t(`role.${invite.seat.role}` as MessageKey)}
            </div>
            <input
              className="invite__url"
              readOnly
              value={invite.url}
              aria-label={t('seats.link')}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" onClick={() => void navigator.clipboard?.writeText(invite.url)}>
              {t('seats.copy')}
            </button>
            {invite.seat.role === 'bridge' ? (
              <BridgeToken token={invite.token} />
            ) : (
              <p className="muted">{t(sharing?.enabled ? 'seats.scanHint' : 'seats.localOnly')}</p>
            )}
          </div>
        </div>
      )}
      <table className="table" data-testid="seat-list">
        <thead>
          <tr>
            <th scope="col">{t('seats.name')}</th>
            <th scope="col">{t('seats.role')}</th>
            <th scope="col">{t('seats.status')}</th>
            <ActionsHeader label={t('seats.actions')} />
          </tr>
        </thead>
        <tbody>
          {active.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('seats.none')}
              </td>
            </tr>
          )}
          {active.map((seat) => {
            const c = connections.get(seat.id);
            return (
              <tr key={seat.id} data-seat-id={seat.id}>
                <td>{seat.label}</td>
                <td>{t(`role.${seat.role}` as MessageKey)}</td>
                <td className={c ? 'ok' : 'muted'}>
                  {c ? t('seats.connected', { n: c.connections, address: c.address }) : t('seats.offline')}
                </td>
                <td>
                  <RowButton onClick={() => void revoke(seat.id)} label={t('seats.revokeLabel', { label: seat.label })}>
                    {t('seats.revoke')}
                  </RowButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A bridge token is shown once, beside the endpoint it posts to (the invite's URL above). */
function BridgeToken({ token }: { token: string }) {
  const t = useT();
  return (
    <>
      <input
        className="invite__url"
        readOnly
        value={token}
        aria-label={t('seats.bridgeToken')}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(token)}>
        {t('seats.copyToken')}
      </button>
      <p className="muted">{t('seats.bridgeHint')}</p>
    </>
  );
}
