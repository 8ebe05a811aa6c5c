/**
 * The one SKU rule, owned by the catalogue: an order line counts for its own `productId` when the
 * platform named one, else for the catalogue product with its sku, else for the sku itself — kept, never
 * dropped, and shown as "unknown product" (未知商品) wherever the catalogue has no such id. The live tally,
 * the ledger's record and the recap all resolve through here.
 */

/** sku -> productId of the catalogue. */
export type SkuMap = ReadonlyMap<string, string>;

export function resolveProductId(line: { sku: string; productId?: string | null }, skuMap?: SkuMap): string {
  return line.productId ?? skuMap?.get(line.sku) ?? line.sku;
}

/** Whether a resolved product id is one of the catalogue's (else the console and recap say 未知商品). */
export const isKnownProduct = (productId: string, catalogueIds: ReadonlySet<string>): boolean =>
  catalogueIds.has(productId);
