/**
 * The catalogue and its run-of-show order (排品): import (upsert by sku, new products appended), edit,
 * reorder, delete. `linkNo` (链接号) is the number viewers see on the cart; when not set it is the
 * product's run-of-show position. A number imported or set by hand stays through reorders and through
 * re-imports that carry no link number.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type ProductFacts, patchFacts } from '../../../shared/catalogue/facts';
import type { ImportError, ProductInput } from '../../../shared/catalogue/import';
import { newProductSchema, type Product, productPatchSchema } from '../../../shared/contract/products';
import { fromZodError, StudioError } from '../../../shared/errors';

/** The product shape of PROTOCOL.md D and its change schemas, as the contract declares them. */
export type { Product, ProductPatch } from '../../../shared/contract/products';

interface ProductRow {
  product_id: string;
  sku: string;
  title: string;
  price: number;
  currency: string;
  original_price: number | null;
  stock: number | null;
  image: string | null;
  link_no: number | null;
  position: number;
  facts: string | null;
}

const factsOf = (json: string | null): ProductFacts => (json === null ? {} : (JSON.parse(json) as ProductFacts));
const factsJson = (facts: ProductFacts): string | null =>
  Object.keys(facts).length === 0 ? null : JSON.stringify(facts);

export class ProductStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly currency: string,
  ) {}

  private rows(): ProductRow[] {
    return this.db.prepare('SELECT * FROM products ORDER BY position, product_id').all() as unknown as ProductRow[];
  }

  list(): Product[] {
    return this.rows().map((r, i) => ({
      ...(r.facts === null ? {} : { facts: factsOf(r.facts) }),
      productId: r.product_id,
      sku: r.sku,
      title: r.title,
      price: { amount: r.price, currency: r.currency },
      originalPrice: r.original_price === null ? null : { amount: r.original_price, currency: r.currency },
      stock: r.stock,
      image: r.image,
      linkNo: r.link_no ?? i + 1,
    }));
  }

  get(productId: string): Product {
    const p = this.list().find((x) => x.productId === productId);
    if (!p)
      throw new StudioError('unknown_product', `No product with id ${productId}`, { status: 404, path: 'productId' });
    return p;
  }

  /** Run-of-show product ids. */
  ids(): string[] {
    return this.rows().map((r) => r.product_id);
  }

  skuMap(): Map<string, string> {
    return new Map(this.rows().map((r) => [r.sku, r.product_id]));
  }

  private nextPosition(): number {
    return ((this.db.prepare('SELECT max(position) AS m FROM products').get() as { m: number | null }).m ?? 0) + 1;
  }

  /** Upserts parsed rows by sku in one transaction; conflicts with existing products become line errors. */
  importRows(
    rows: readonly { line: number; product: ProductInput }[],
    now = Date.now(),
  ): { imported: number; errors: ImportError[] } {
    const bySku = this.db.prepare('SELECT product_id, facts FROM products WHERE sku = ?');
    const byId = this.db.prepare('SELECT sku FROM products WHERE product_id = ?');
    const update = this.db.prepare(`UPDATE products SET title = $title, price = $price, currency = $currency,
      original_price = $original_price, stock = $stock, image = $image, link_no = coalesce($link_no, link_no),
      facts = $facts, updated_at = $updated_at WHERE sku = $sku`);
    const insert = this.db.prepare(`INSERT INTO products (product_id, sku, title, price, currency, original_price,
      stock, image, link_no, position, facts, updated_at) VALUES ($product_id, $sku, $title, $price, $currency,
      $original_price, $stock, $image, $link_no, $position, $facts, $updated_at)`);
    // The columns an import writes, whether the row is new or updates its sku's product.
    const columns = (p: ProductInput, facts: Record<string, string>) => ({
      sku: p.sku,
      title: p.title,
      price: p.price.amount,
      currency: p.price.currency,
      original_price: p.originalPrice?.amount ?? null,
      stock: p.stock,
      image: p.image,
      link_no: p.linkNo,
      facts: factsJson(facts),
      updated_at: now,
    });
    const errors: ImportError[] = [];
    let imported = 0;
    let position = this.nextPosition();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const { line, product: p } of rows) {
        if (p.price.currency !== this.currency) {
          errors.push({ line, message: `price is in ${p.price.currency}, the studio keeps ${this.currency}` });
          continue;
        }
        const existing = bySku.get(p.sku) as { product_id: string; facts: string | null } | undefined;
        if (existing) {
          if (p.productId !== p.sku && p.productId !== existing.product_id) {
            errors.push({
              line,
              message: `sku ${p.sku} already belongs to product ${existing.product_id}, not ${p.productId}`,
            });
            continue;
          }
          // a file without a fact's column keeps what was there; a filled cell replaces it
          update.run(columns(p, { ...factsOf(existing.facts), ...(p.facts ?? {}) }));
        } else {
          const owner = byId.get(p.productId) as { sku: string } | undefined;
          if (owner) {
            errors.push({ line, message: `product ${p.productId} already exists with sku ${owner.sku}` });
            continue;
          }
          insert.run({ ...columns(p, p.facts ?? {}), product_id: p.productId, position: position++ });
        }
        imported++;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return { imported, errors };
  }

  add(input: unknown, now = Date.now()): Product {
    const parsed = newProductSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error);
    const p = parsed.data;
    const productId = p.productId ?? p.sku;
    const { errors } = this.importRows(
      [
        {
          line: 0,
          product: {
            productId,
            sku: p.sku,
            title: p.title,
            price: p.price,
            originalPrice: p.originalPrice ?? null,
            stock: p.stock ?? null,
            image: p.image ?? null,
            linkNo: p.linkNo ?? null,
          },
        },
      ],
      now,
    );
    if (errors.length > 0) throw new StudioError('product_conflict', errors[0].message, { status: 409, path: 'sku' });
    return this.get(productId);
  }

  update(productId: string, patch: unknown, now = Date.now()): Product {
    const parsed = productPatchSchema.safeParse(patch);
    if (!parsed.success) throw fromZodError(parsed.error);
    const before = this.get(productId);
    const p = parsed.data;
    for (const m of [p.price, p.originalPrice]) {
      if (m && m.currency !== this.currency) {
        throw new StudioError('currency_mismatch', `Prices are kept in ${this.currency}`, { path: 'price' });
      }
    }
    const linkNo =
      p.linkNo === undefined
        ? (
            this.db.prepare('SELECT link_no FROM products WHERE product_id = ?').get(productId) as {
              link_no: number | null;
            }
          ).link_no
        : p.linkNo;
    try {
      this.db
        .prepare(`UPDATE products SET sku = ?, title = ?, price = ?, original_price = ?, stock = ?, image = ?, link_no = ?,
          facts = ?, updated_at = ? WHERE product_id = ?`)
        .run(
          p.sku ?? before.sku,
          p.title ?? before.title,
          (p.price ?? before.price).amount,
          p.originalPrice === undefined ? (before.originalPrice?.amount ?? null) : (p.originalPrice?.amount ?? null),
          p.stock === undefined ? before.stock : p.stock,
          p.image === undefined ? before.image : p.image,
          linkNo,
          factsJson(p.facts === undefined ? (before.facts ?? {}) : patchFacts(before.facts ?? {}, p.facts)),
          now,
          productId,
        );
    } catch (error) {
      if (String((error as Error).message).includes('UNIQUE')) {
        throw new StudioError('product_conflict', `Another product already has sku ${p.sku}`, {
          status: 409,
          path: 'sku',
        });
      }
      throw error;
    }
    return this.get(productId);
  }

  /** Sets the run-of-show: `productIds` must name every product exactly once. */
  reorder(productIds: readonly string[]): Product[] {
    const current = this.ids();
    const given = new Set(productIds);
    if (given.size !== productIds.length || given.size !== current.length || current.some((id) => !given.has(id))) {
      throw new StudioError('invalid_order', 'The new order must list every product exactly once', {
        path: 'productIds',
      });
    }
    const set = this.db.prepare('UPDATE products SET position = ? WHERE product_id = ?');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const [i, id] of productIds.entries()) set.run(i + 1, id);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return this.list();
  }

  /** Removes a product from the catalogue; its past sales and pins stay in the record. */
  delete(productId: string): void {
    this.get(productId);
    this.db.prepare('DELETE FROM products WHERE product_id = ?').run(productId);
  }
}
