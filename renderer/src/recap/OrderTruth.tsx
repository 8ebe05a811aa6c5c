/**
 * The recap's order truth: whether the figures are reconciled with the platform's books (已对账 / 暂估),
 * refunds that came after the show with their dates, sales by channel (per session and per product) and
 * the top 推客. Labels and wording are the printable report's (shared/recap/report-channels).
 */
import { CHANNELS } from '../../../shared/metrics/types';
import { fmtInt, fmtMoney, fmtPercent } from '../../../shared/recap/format';
import { booksLabel, lateRefundRows } from '../../../shared/recap/report-channels';
import type { RecapBody } from '../../../shared/recap/types';
import type { RecapT } from './i18n';

type Props = { recap: RecapBody; t: RecapT; lang: 'zh-CN' | 'en'; name: (id: string) => string };

export function BooksNote(props: { recap: RecapBody; lang: 'zh-CN' | 'en' }) {
  const reconciled = props.recap.reconciled !== null;
  return (
    <p className={reconciled ? 'note ok' : 'note'} role="note" data-testid="books-label" data-reconciled={reconciled}>
      {booksLabel(props.recap, props.lang)}
    </p>
  );
}

export function LateRefundList(props: { recap: RecapBody; lang: 'zh-CN' | 'en' }) {
  const rows = lateRefundRows(props.recap, props.lang);
  if (rows.length === 0) return null;
  return (
    <ul className="note late-refunds" data-testid="late-refund-list">
      {rows.map((r, i) => (
        <li key={`${props.recap.lateRefunds.list[i].refundId}-${props.recap.lateRefunds.list[i].orderId}`}>{r}</li>
      ))}
    </ul>
  );
}

export function ChannelTables(props: Props) {
  const { recap, t, lang } = props;
  return (
    <section aria-labelledby="recap-channels">
      <h2 id="recap-channels">{t('report.channels')}</h2>
      <table className="table" data-testid="channel-table">
        <thead>
          <tr>
            <th scope="col">{t('report.channel')}</th>
            <th scope="col">{t('figure.paidGmv')}</th>
            <th scope="col">{t('figure.settledGmv')}</th>
            <th scope="col">{t('figure.orders')}</th>
            <th scope="col">{t('figure.buyers')}</th>
            <th scope="col">{t('report.channelShare')}</th>
          </tr>
        </thead>
        <tbody>
          {recap.channels.map((c) => (
            <tr key={c.channel} data-channel={c.channel}>
              <th scope="row">{t(`report.channel.${c.channel}`)}</th>
              <td className="num">{fmtMoney(c.paidGmv, lang)}</td>
              <td className="num">{fmtMoney(c.settledGmv, lang)}</td>
              <td className="num">{fmtInt(c.orders, lang)}</td>
              <td className="num">{fmtInt(c.buyers, lang)}</td>
              <td className="num">{fmtPercent(c.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {recap.productChannels.length > 0 && (
        <>
          <h3>{t('report.productChannels')}</h3>
          <table className="table" data-testid="product-channel-table">
            <thead>
              <tr>
                <th scope="col">{t('report.product')}</th>
                {CHANNELS.map((c) => (
                  <th scope="col" key={c}>
                    {t(`report.channel.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {recap.productChannels.map((p) => (
                <tr key={p.productId}>
                  <th scope="row">{props.name(p.productId)}</th>
                  {CHANNELS.map((c) => (
                    <td className="num" key={c}>
                      {fmtMoney(p.gmv[c], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {recap.sharers.length > 0 && (
        <>
          <h3>{t('report.sharers')}</h3>
          <table className="table" data-testid="sharer-table">
            <thead>
              <tr>
                <th scope="col">{t('report.sharer')}</th>
                <th scope="col">{t('figure.paidGmv')}</th>
                <th scope="col">{t('figure.settledGmv')}</th>
                <th scope="col">{t('figure.orders')}</th>
                <th scope="col">{t('report.commission')}</th>
              </tr>
            </thead>
            <tbody>
              {recap.sharers.map((s) => (
                <tr key={s.sharerId}>
                  <th scope="row">{s.sharerName ?? s.sharerId}</th>
                  <td className="num">{fmtMoney(s.paidGmv, lang)}</td>
                  <td className="num">{fmtMoney(s.settledGmv, lang)}</td>
                  <td className="num">{fmtInt(s.orders, lang)}</td>
                  <td className="num">{s.commission === null ? '—' : fmtMoney(s.commission, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
