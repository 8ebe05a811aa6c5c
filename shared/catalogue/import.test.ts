import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, parseCatalogue } from './import';

const fixtures = join(import.meta.dirname, '../../tests/fixtures');
const zh = readFileSync(join(fixtures, 'catalogue.csv'));
const en = readFileSync(join(fixtures, 'catalogue-en.csv'));

describe('catalogue import', () => {
  it('reads the Chinese-header fixture: 30 products in run-of-show order, yuan to fen, empty 原价 as null', async () => {
    const { products, errors } = await parseCatalogue(zh);
    expect(errors).toEqual([]);
    expect(products).toHaveLength(30);
    expect(products[0]).toEqual({
      line: 2,
      product: {
        productId: 'XHS-CL-001',
        sku: 'XHS-CL-001',
        title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
        price: { amount: 69_900, currency: 'CNY' },
        originalPrice: { amount: 89_900, currency: 'CNY' },
        stock: 120,
        image: 'images/XHS-CL-001.jpg',
        linkNo: null,
      },
    });
    expect(products.filter((p) => p.product.originalPrice === null)).toHaveLength(5);
    expect(products.find((p) => p.product.price.amount === 5_990)).toBeDefined();
    expect(products.find((p) => p.product.sku === 'XHS-TE-003')?.product.stock).toBe(0);
  });

  it('reads product facts from extra columns (Chinese or English headers), empty cells are no fact', async () => {
    const csv = [
      '商品编码,商品名称,价格,尺码表,版型,面料,发货时间,Coupon,标签',
      'A1,真丝衬衫,299.00,S/M/L,偏大半码,22姆米桑蚕丝,48小时内 顺丰,,新品',
      'A2,茶饼,99.00,,,,,满300减30,',
    ].join('\n');
    const { products, errors } = await parseCatalogue(Buffer.from(csv));
    expect(errors).toEqual([]);
    expect(products[0].product.facts).toEqual({
      sizeChart: 'S/M/L',
      fit: '偏大半码',
      material: '22姆米桑蚕丝',
      shipping: '48小时内 顺丰',
    });
    expect(products[1].product.facts).toEqual({ coupon: '满300减30' });
  });

  it('reports a fact longer than 300 characters on its line and keeps the other rows', async () => {
    const csv = `sku,title,price,material\nA1,T,1.00,${'棉'.repeat(301)}\nA2,T2,2.00,棉\n`;
    const { products, errors } = await parseCatalogue(Buffer.from(csv));
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('material') }]);
    expect(products.map((p) => p.product.sku)).toEqual(['A2']);
  });

  it('reads English headers to the same products', async () => {
    expect(await parseCatalogue(en)).toEqual(await parseCatalogue(zh));
  });

  it('detects GBK when the bytes are not UTF-8, and honours a named charset', async () => {
    const gbk = iconv.encode(zh.toString('utf8'), 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(await parseCatalogue(gbk)).toEqual(await parseCatalogue(zh));
    expect(await parseCatalogue(gbk, { contentType: 'text/csv; charset=GBK' })).toEqual(await parseCatalogue(zh));
    expect(charsetOf('text/csv; charset="gb18030"')).toBe('gb18030');
    // A UTF-8 file with a BOM (what Excel writes as "CSV UTF-8")
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), zh]);
    expect(await parseCatalogue(bom)).toEqual(await parseCatalogue(zh));
  });

  it('reports bad rows by line with a readable reason and keeps the good ones', async () => {
    const csv = [
      '商品编码,商品名称,价格,原价,库存,链接号,商品ID',
      'A-1,好衬衫,299.00,399,10,,',
      'A-2,,abc,,-3,0,',
      '',
      'A-3,茶,59.999,,5,,',
      'A-1,又一个,1.00,,,,',
      'A-4,"带,逗号的 ""名字""","¥1,299.50",,7,3,P-4',
    ].join('\r\n');
    const { products, errors } = await parseCatalogue(Buffer.from(csv));
    expect(products.map((p) => [p.line, p.product.sku])).toEqual([
      [2, 'A-1'],
      [7, 'A-4'],
    ]);
    expect(products[1].product).toMatchObject({
      title: '带,逗号的 "名字"',
      price: { amount: 129_950 },
      linkNo: 3,
      productId: 'P-4',
    });
    expect(errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(errors[0].message).toContain('title (商品名称) is empty');
    expect(errors[0].message).toContain('price (价格) "abc" is not a price in yuan');
    expect(errors[0].message).toContain('stock (库存) "-3" is not a whole number');
    expect(errors[0].message).toContain('linkNo (链接号) "0" is not a whole number of at least 1');
    expect(errors[1].message).toContain('"59.999"');
    expect(errors[2].message).toContain('already appears on line 2');
  });

  it('refuses a file whose header lacks a required column, naming it', async () => {
    const { products, errors } = await parseCatalogue(Buffer.from('sku,名称,price\nA,x,1\n'));
    expect(products).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: 'Missing column title (商品名称) in the header line' }]);
  });

  it('reads XLSX (first sheet, numeric prices, Excel row numbers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('排品');
    ws.addRow(['sku', 'title', 'price', 'originalPrice', 'stock', 'image', 'linkNo']);
    ws.addRow(['X-1', '羊绒围巾', 599, 799.0, 30, 'images/X-1.svg', 1]);
    ws.addRow(['X-2', '白茶饼', 59.9, null, 0, null, 2]);
    ws.addRow(['X-3', '坏价格', 'twelve', null, 1, null, 3]);
    ws.addRow(['X-4', { richText: [{ text: '富' }, { text: '文本' }] }, '1,299.00', null, null, null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { products, errors } = await parseCatalogue(bytes);
    expect(products.map((p) => [p.line, p.product.sku, p.product.price.amount, p.product.title])).toEqual([
      [2, 'X-1', 59_900, '羊绒围巾'],
      [3, 'X-2', 5_990, '白茶饼'],
      [5, 'X-4', 129_900, '富文本'],
    ]);
    expect(products[0].product.originalPrice?.amount).toBe(79_900);
    expect(errors).toEqual([{ line: 4, message: expect.stringContaining('"twelve" is not a price') }]);
  });

  it('imports a 10,000-row file with every row kept when the cap allows it', async () => {
    const lines = ['sku,title,price,stock'];
    for (let i = 1; i <= 10_000; i++)
      lines.push(`S-${i},商品 ${i},${(i % 500) + 1}.${String(i % 100).padStart(2, '0')},${i}`);
    const { products, errors } = await parseCatalogue(Buffer.from(lines.join('\n')), { maxRows: 10_000 });
    expect(errors).toEqual([]);
    expect(products).toHaveLength(10_000);
    expect(products[9_999]).toMatchObject({ line: 10_001, product: { sku: 'S-10000', price: { amount: 100 } } });
  });
});
