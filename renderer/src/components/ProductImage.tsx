import { useState } from 'react';
import { imageUrl } from '../live/product-view';

/**
 * A product's picture: https URLs and images the engine serves (relative catalogue paths under /catalogue/), else a
 * tile with its link number so the row keeps its shape when the catalogue ships no images.
 */
export function ProductImage({ image, linkNo, size = 48 }: { image: string | null; linkNo: number; size?: number }) {
  const [failed, setFailed] = useState(false);
  const src = imageUrl(image);
  if (!src || failed) {
    return (
      <span className="product-image product-image--empty" style={{ width: size, height: size }} aria-hidden="true">
        {linkNo}
      </span>
    );
  }
  return (
    <img
      className="product-image"
      src={src}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
