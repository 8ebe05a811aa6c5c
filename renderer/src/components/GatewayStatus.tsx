import { type MessageKey, useT } from '../i18n';
import { selectGateway } from '../store/selectors';
import { type StudioStore, useStudio } from '../store/studio';

/** Bridges-only: some bridge delivered in the last minute. */
const selectBridgesArriving = (s: StudioStore) =>
  (s.state?.sources ?? []).some((x) => x.kind !== 'gateway' && x.perMinute > 0);

/**
 * The live room's link in words (直播间: 已连接 / 正在追赶 n 条 / 已断开), or, with no gateway at all,
 * bridges only: waiting for bridge events or receiving them.
 */
export function GatewayStatus() {
  const t = useT();
  const gateway = useStudio(selectGateway);
  const arriving = useStudio(selectBridgesArriving);
  if (!gateway) return null;
  if (gateway.status === 'local')
    return (
      <span
        className={`status-pill status-pill--${arriving ? 'ok' : 'warn'}`}
        data-testid="gateway-status"
        data-status="local"
      >
        {t(arriving ? 'gateway.localLive' : 'gateway.local')}
      </span>
    );
  const tone =
    gateway.status === 'live'
      ? 'ok'
      : gateway.status === 'failed' || gateway.status === 'disconnected'
        ? 'error'
        : 'warn';
  return (
    <span className={`status-pill status-pill--${tone}`} data-testid="gateway-status" data-status={gateway.status}>
      {t(gateway.reason === 'apply_failed' ? 'gateway.applyFailed' : (`gateway.${gateway.status}` as MessageKey), {
        behind: gateway.behind,
        room: gateway.source === 'demo' ? t('gateway.demoRoom') : gateway.room,
      })}
    </span>
  );
}
