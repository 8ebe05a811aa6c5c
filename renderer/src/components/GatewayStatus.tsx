import { type MessageKey, useT } from '../i18n';
import { selectGateway } from '../store/selectors';
import { useStudio } from '../store/studio';

/** The live room's link in words (直播间: 已连接 / 正在追赶 n 条 / 已断开). */
export function GatewayStatus() {
  const t = useT();
  const gateway = useStudio(selectGateway);
  if (!gateway) return null;
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
