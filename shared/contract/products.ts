/** Products as every surface sees them (PROTOCOL.md D `GET /products`), in run-of-show order. */
import type { ProductFacts } from '../catalogue/facts';
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
  soldUnits: number;
  gmv: Money;
}

export interface ProductsStateSlice {
  /** The run-of-show, in order. */
  products: Product[];
  /** Sold units and GMV per product in the current session. */
  productLive: Record<string, ProductLive>;
}
