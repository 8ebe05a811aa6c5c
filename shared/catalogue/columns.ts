import type { Product } from '../contract/products';
/**
 * Catalogue columns of PROTOCOL.md D, by English or Chinese header, and the validation of one row into
 * a product. Unknown columns (标签, tags ...) are ignored.
 */
import { idSchema } from '../events';
import { type Money, MoneyError, parseYuan } from '../money';
import { FACT_KEYS, type FactKey, factOfHeader, MAX_FACT_LENGTH, type ProductFacts } from './facts';

export type Column = 'sku' | 'title' | 'price' | 'originalPrice' | 'stock' | 'image' | 'productId' | 'linkNo';

const HEADERS: Record<Column, string[]> = {
  sku: ['sku', '商品编码'],
  title: ['title', '商品名称'],
  price: ['price', '价格'],
  originalPrice: ['originalPrice', '原价'],
  stock: ['stock', '库存'],
  image: ['image', '图片'],
  productId: ['productId', '商品ID'],
  linkNo: ['linkNo', '链接号'],
};

export const REQUIRED: Column[] = ['sku', 'title', 'price'];

/** A product as imported: `productId` defaults to the sku, `linkNo` null means "its run-of-show position". */
export type ProductInput = Omit<Product, 'linkNo'> & { linkNo: number | null };

export interface ImportError {
  line: number;
  message: string;
}

export interface ParsedCatalogue {
  products: { line: number; product: ProductInput }[];
  errors: ImportError[];
}

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Maps each known column to its index in the header row; reports missing required ones. */
export function mapHeader(header: readonly string[]): {
  index: Partial<Record<Column, number>>;
  facts: Partial<Record<FactKey, number>>;
  missing: Column[];
} {
  const index: Partial<Record<Column, number>> = {};
  const facts: Partial<Record<FactKey, number>> = {};
  header.forEach((h, i) => {
    const key = normalise(h);
    let matched = false;
    for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
      if (index[column] === undefined && names.some((n) => normalise(n) === key)) {
        index[column] = i;
        matched = true;
      }
    }
    const fact = matched ? null : factOfHeader(key, normalise);
    if (fact !== null && facts[fact] === undefined) facts[fact] = i;
  });
  return { index, facts, missing: REQUIRED.filter((c) => index[c] === undefined) };
}

export const columnLabel = (c: Column): string => `${HEADERS[c][0]} (${HEADERS[c][1]})`;

const MAX_TITLE = 200;

/** Validates one data row (cells already strings); returns the product or a human message. */
export function rowToProduct(
  cells: readonly string[],
  index: Partial<Record<Column, number>>,
  factIndex: Partial<Record<FactKey, number>> = {},
): { product: ProductInput } | { message: string } {
  const cell = (c: Column): string => {
    const i = index[c];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const problems: string[] = [];
  const sku = cell('sku');
  if (!sku) problems.push(`${columnLabel('sku')} is empty`);
  else if (!idSchema.safeParse(sku).success) problems.push(`${columnLabel('sku')} "${sku}" is not a valid id`);
  const title = cell('title');
  if (!title) problems.push(`${columnLabel('title')} is empty`);
  else if (title.length > MAX_TITLE) problems.push(`${columnLabel('title')} is longer than ${MAX_TITLE} characters`);

  const price = (c: Column, required: boolean): Money | null => {
    const text = cell(c);
    if (!text) {
      if (required) problems.push(`${columnLabel(c)} is empty`);
      return null;
    }
    try {
      const value = parseYuan(text);
      if (value.amount < 0) {
        problems.push(`${columnLabel(c)} "${text}" is negative`);
        return null;
      }
      return value;
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      problems.push(`${columnLabel(c)} "${text}" is not a price in yuan (expected e.g. 299.00)`);
      return null;
    }
  };
  const whole = (c: Column, min: number): number | null => {
    const text = cell(c);
    if (!text) return null;
    if (!/^\d{1,9}$/.test(text) || Number(text) < min) {
      problems.push(`${columnLabel(c)} "${text}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
      return null;
    }
    return Number(text);
  };
  const p = price('price', true);
  const originalPrice = price('originalPrice', false);
  const stock = whole('stock', 0);
  const linkNo = whole('linkNo', 1);
  const productId = cell('productId') || sku;
  if (cell('productId') && !idSchema.safeParse(productId).success) {
    problems.push(`${columnLabel('productId')} "${productId}" is not a valid id`);
  }
  const image = cell('image') || null;
  if (image && image.length > 2000) problems.push(`${columnLabel('image')} is longer than 2000 characters`);
  const facts: ProductFacts = {};
  for (const key of FACT_KEYS) {
    const i = factIndex[key];
    const text = i === undefined ? '' : (cells[i] ?? '').trim();
    if (text.length > MAX_FACT_LENGTH) problems.push(`${key} is longer than ${MAX_FACT_LENGTH} characters`);
    else if (text) facts[key] = text;
  }
  if (problems.length > 0 || p === null) return { message: problems.join('; ') };
  const withFacts = Object.keys(facts).length > 0 ? { facts } : {};
  return { product: { productId, sku, title, price: p, originalPrice, stock, image, linkNo, ...withFacts } };
}

/** Validates all data rows: good rows kept, bad rows reported by line, a repeated sku reported at its second line. */
export function rowsToCatalogue(rows: readonly { line: number; cells: string[] }[]): ParsedCatalogue {
  const out: ParsedCatalogue = { products: [], errors: [] };
  const [header, ...data] = rows;
  if (!header) {
    out.errors.push({ line: 1, message: 'The file is empty: expected a header line such as sku,title,price' });
    return out;
  }
  const { index, facts, missing } = mapHeader(header.cells);
  if (missing.length > 0) {
    out.errors.push({
      line: header.line,
      message: `Missing column${missing.length > 1 ? 's' : ''} ${missing.map(columnLabel).join(', ')} in the header line`,
    });
    return out;
  }
  const firstLine = new Map<string, number>();
  const firstProductLine = new Map<string, number>();
  for (const row of data) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const result = rowToProduct(row.cells, index, facts);
    if ('message' in result) {
      out.errors.push({ line: row.line, message: result.message });
      continue;
    }
    const { sku, productId } = result.product;
    const seen = firstLine.get(sku) ?? firstProductLine.get(productId);
    if (seen !== undefined) {
      out.errors.push({ line: row.line, message: `sku ${sku} / product ${productId} already appears on line ${seen}` });
      continue;
    }
    firstLine.set(sku, row.line);
    firstProductLine.set(productId, row.line);
    out.products.push({ line: row.line, product: result.product });
  }
  return out;
}
