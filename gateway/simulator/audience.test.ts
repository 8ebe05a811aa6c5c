import { describe, expect, it } from 'vitest';
import { inboundBatchSchema } from '../../shared/events';
import { Audience, type SimulatorProduct } from './audience';

const products: SimulatorProduct[] = [
  {
    productId: 'p1',
    sku: 'XHS-CL-001',
    title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
    price: { amount: 69900, currency: 'CNY' },
    linkNo: 1,
  },
  {
    productId: 'p2',
    sku: 'XHS-SC-001',
    title: '桑蚕丝印花小方巾 53×53cm 复古花卉',
    price: { amount: 25900, currency: 'CNY' },
    linkNo: 2,
  },
  {
    productId: 'p3',
    sku: 'XHS-TE-001',
    title: '福鼎白茶 白牡丹 100g',
    price: { amount: 5990, currency: 'CNY' },
    linkNo: 3,
  },
];

function run(seed: number, seconds: number, pin: (t: number) => string | null) {
  const audience = new Audience(seed, products, 'run1');
  const out = [];
  for (let t = 0; t < seconds; t++) {
    const p = pin(t);
    if (p !== undefined) audience.setPinned(p);
    out.push(audience.second(1764064800000 + t * 1000));
  }
  return out;
}

describe('simulated audience', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = run(7, 300, () => 'p2');
    const b = run(7, 300, () => 'p2');
    const c = run(8, 300, () => 'p2');
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(c));
  });

  it('produces valid events: Chinese chat, likes, viewers, orders with exact totals, follow-ups and redeliveries', () => {
    const seconds = run(3, 1200, () => 'p1');
    const events = seconds.flatMap((s) => s.events);
    for (const s of seconds) if (s.events.length) expect(inboundBatchSchema.safeParse(s.events).success).toBe(true);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['chat', 'like', 'viewers', 'order.created', 'order.paid'])
      expect(kinds.has(k as never)).toBe(true);
    const chats = events.filter((e) => e.kind === 'chat').map((e) => (e.data as { text: string }).text);
    expect(chats.length).toBeGreaterThan(500);
    expect(chats.filter((t) => /[\u4e00-\u9fff]/.test(t)).length / chats.length).toBeGreaterThan(0.8);
    expect(chats.some((t) => t.includes('1号'))).toBe(true);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const redelivered = seconds.flatMap((s) => s.redeliveries);
    expect(redelivered.length).toBeGreaterThan(0);
    for (const r of redelivered) expect(ids).toContain(r.id);
    for (const e of events) {
      if (e.kind === 'order.paid' || e.kind === 'order.created') {
        const d = e.data;
        expect(d.total?.amount).toBe(d.items.reduce((s, i) => s + i.unitPrice.amount * i.qty, 0));
      }
    }
    const viewers = events.filter((e) => e.kind === 'viewers').map((e) => (e.data as { current: number }).current);
    expect(Math.max(...viewers)).toBeGreaterThan(viewers[0] * 5);
  });

  it('sells mostly the pinned product, and a cheaper pin sells more', () => {
    const sold = (pin: string) => {
      const paid = run(11, 1800, (t) => (t === 0 ? pin : (undefined as never)))
        .flatMap((s) => s.events)
        .filter((e) => e.kind === 'order.created');
      const skus = paid.map((e) => (e.kind === 'order.created' ? e.data.items[0].productId : ''));
      return { total: paid.length, share: skus.filter((s) => s === pin).length / paid.length };
    };
    const silk = sold('p1');
    const tea = sold('p3');
    expect(silk.share).toBeGreaterThan(0.7);
    expect(tea.share).toBeGreaterThan(0.7);
    expect(tea.total).toBeGreaterThan(silk.total * 1.5);
  });
});
