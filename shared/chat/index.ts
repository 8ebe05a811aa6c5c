export { analyzeByRules, type ClassifiedComment, classifyByRules, type RuleSignals } from './classify';
export { INFO_INTENTS, INTENT_LABELS, INTENTS, type Intent, isIntent } from './intent';
export { classifyComment } from './learned/classify';
export { extractLinkNo, findLinkMention, type LinkMention } from './link-number';
export { normalizeChat } from './normalize';
export { deriveShortNames } from './product-names';
export {
  buildProductIndex,
  type CatalogueEntry,
  type ProductIndex,
  type ResolveOptions,
  resolveProduct,
} from './resolve-product';
