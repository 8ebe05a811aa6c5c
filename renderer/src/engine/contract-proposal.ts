/**
 * PROPOSAL for the lead (not in shared/contract yet): what the console needs beyond the declared
 * contract. When the real contract lands, delete the matching entry here; the console refers to these
 * only through ./contract.ts.
 */
import type { z } from 'zod';
import type { CommandSpec, Product } from '../../../shared/contract';

type Spec<A, R> = CommandSpec<z.ZodType<A>, R>;

export interface ProposedCommands {
  /** Run-of-show order after a drag: every product id in the new order (operators). */
  'products.reorder': Spec<{ productIds: string[] }, { products: Product[] }>;
  /** Edit one product's fields from the Products view (operators). */
  'products.update': Spec<{ productId: string; patch: Partial<Omit<Product, 'productId'>> }, { product: Product }>;
}

// biome-ignore lint/complexity/noBannedTypes: no proposed slices at the moment; OBS's slice comes from shared/contract/obs.ts
export type ProposedStateSlices = {};
