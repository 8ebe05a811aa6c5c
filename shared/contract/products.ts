/** Products as every surface sees them (PROTOCOL.md D `GET /products`), in run-of-show order. */
import { z } from 'zod';
import { factsPatchSchema, type ProductFacts } from '../catalogue/facts';
import { idSchema, moneySchema } from '../events';
import type { Money } from '../money';

export interface Product {
  productId: string;
  sku: string;
  title: string;
  price: Money;
  originalPrice: Money | null;
  /** null when the catalogue does not say. */
  stock: number | null;
  /** A relative path under the catalogue's folder (`images/x.svg`) or an https URL; null when none. */
  image: string | null;
  /** 链接号: the number viewers see on the platform's cart. */
  linkNo: number;
  /** What the host answers from (尺码表, 材质 ...): the radar's suggested answers quote these; absent = none. */
  facts?: ProductFacts;
}

/** What the run-of-show shows beside each product during a session. */
export interface ProductLive {
  productId: string;
  units: number;
  gmv: Money;
}

export interface ProductsStateSlice {
  /** The run-of-show, in order. */
  products: Product[];
  /** Sold units and GMV per product in the current session. */
  productLive: Record<string, ProductLive>;
}

const nonNegativeMoney = moneySchema.refine((m) => m.amount >= 0, 'must not be negative');

/** A change to one product: the one schema of the seat command, the control API and the catalogue. */
export const productPatchSchema = z.strictObject({
  sku: idSchema.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  price: nonNegativeMoney.optional(),
  originalPrice: nonNegativeMoney.nullable().optional(),
  stock: z.number().int().min(0).nullable().optional(),
  image: z.string().max(2000).nullable().optional(),
  linkNo: z.number().int().min(1).max(9999).nullable().optional(),
  facts: factsPatchSchema.optional(),
});
export type ProductPatch = z.infer<typeof productPatchSchema>;

/** A product added by hand (`POST /products`). */
export const newProductSchema = productPatchSchema.extend({
  productId: idSchema.optional(),
  sku: idSchema,
  title: z.string().trim().min(1).max(200),
  price: nonNegativeMoney,
});
