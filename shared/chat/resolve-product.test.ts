import { describe, expect, it } from 'vitest';
import { classifyComment } from './index';
import { deriveShortNames } from './product-names';
import { buildProductIndex, type CatalogueEntry, resolveProduct } from './resolve-product';

// Rows of tests/fixtures' catalogue (row N = link N), trimmed to what these tests need.
const catalogue: CatalogueEntry[] = [
  { productId: 'XHS-CL-001', title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色', linkNo: 1 },
  { productId: 'XHS-SC-001', title: '桑蚕丝印花小方巾 53×53cm 复古花卉', linkNo: 2 },
  { productId: 'XHS-SK-001', title: '积雪草舒缓修护精华液 30ml', linkNo: 3 },
  { productId: 'XHS-HM-001', title: '水洗亚麻床品四件套 1.5/1.8m床 多色可选', linkNo: 4 },
  { productId: 'XHS-JW-001', title: '淡水珍珠耳钉 S925银针', linkNo: 6 },
  { productId: 'XHS-JW-002', title: '巴洛克异形珍珠项链 长45cm', linkNo: 12 },
  { productId: 'XHS-HM-004', title: '新西兰羊毛格纹盖毯 130×180cm', linkNo: 21 },
  { productId: 'XHS-JW-004', title: '和田玉平安扣项链 附鉴定证书', linkNo: 25, shortNames: ['玉扣'] },
];

const resolve = (text: string, pinned: string | null = null): string | null =>
  resolveProduct(classifyComment(text), text, catalogue, pinned);

describe('resolveProduct', () => {
  it('derives short names from titles', () => {
    expect(deriveShortNames('22姆米重磅真丝缎面衬衫 宽松落肩 香槟色')).toContain('衬衫');
    expect(deriveShortNames('积雪草舒缓修护精华液 30ml')).toEqual(expect.arrayContaining(['精华', '精华液']));
    expect(deriveShortNames('水洗亚麻床品四件套 1.5/1.8m床 多色可选')).toContain('四件套');
    expect(deriveShortNames('新西兰羊毛格纹盖毯 130×180cm')).toContain('毯子');
  });

  it('takes the written link number first', () => {
    expect(resolve('3号多少钱', 'XHS-CL-001')).toBe('XHS-SK-001');
    expect(resolve('21号是毯子吗')).toBe('XHS-HM-004');
  });

  it('then product names and short names', () => {
    expect(resolve('衬衫什么面料')).toBe('XHS-CL-001');
    expect(resolve('方巾多大')).toBe('XHS-SC-001');
    expect(resolve('精华敏感肌能用吗')).toBe('XHS-SK-001');
    expect(resolve('毯子多大尺寸')).toBe('XHS-HM-004');
    expect(resolve('玉扣是真的吗')).toBe('XHS-JW-004');
    // two ambiguous words agree on one product
    expect(resolve('那个珍珠项链还有吗')).toBe('XHS-JW-002');
  });

  it('then the pinned product, for questions and purchase signals only', () => {
    expect(resolve('多少钱', 'XHS-SC-001')).toBe('XHS-SC-001');
    expect(resolve('扣1', 'XHS-SC-001')).toBe('XHS-SC-001');
    expect(resolve('好看', 'XHS-SC-001')).toBeNull();
    expect(resolve('多少钱', null)).toBeNull();
    expect(
      resolveProduct(classifyComment('扣1'), '扣1', catalogue, 'XHS-SC-001', { pinnedFallback: 'questions' }),
    ).toBeNull();
    // an ambiguous name alone means the pinned product if it is one of its meanings
    expect(resolve('项链多长', 'XHS-JW-004')).toBe('XHS-JW-004');
    expect(resolve('项链多长', 'XHS-CL-001')).toBe('XHS-CL-001');
  });

  it('ignores link numbers not on the run-of-show and accepts a prebuilt index', () => {
    const index = buildProductIndex(catalogue);
    expect(resolveProduct(classifyComment('99号多少钱'), '99号多少钱', index, 'XHS-CL-001')).toBe('XHS-CL-001');
  });
});
