/**
 * Folds the ways viewers type the same thing into one form before matching: full-width digits and
 * letters to ASCII, upper to lower case, circled numbers (⑤, ❺) and keycap emoji (6️⃣, 🔟) to digits,
 * full-width # and ? to ASCII, and the traditional forms of the characters a link number is written with
 * (號 個 鏈 兩 碼: "第十二個鏈接" is 第十二个链接). Chinese numerals stay as they are (the link parser reads them).
 * The common case (nothing to fold but case) costs one regex test and toLowerCase.
 */
const needsFolding =
  /[\uFF01-\uFF5E\u2460-\u2473\u2776-\u277F\u24F5-\u24FE\u3000號個鏈兩碼]|\uFE0F|\u20E3|\uD83D\uDD1F/;
const simplified = new Map([...'號号個个鏈链兩两碼码'.matchAll(/(.)(.)/g)].map((m) => [m[1], m[2]]));

export function normalizeChat(text: string): string {
  if (!needsFolding.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      // Full-width ASCII block maps 1:1 onto ASCII 0x21-0x7E.
      out += String.fromCharCode(c - 0xfee0).toLowerCase();
    } else if (c === 0x3000) {
      out += ' ';
    } else if (c >= 0x2460 && c <= 0x2473) {
      out += String(c - 0x2460 + 1); // ① .. ⑳
    } else if (c >= 0x2776 && c <= 0x277f) {
      out += String(c - 0x2776 + 1); // ❶ .. ❿
    } else if (c >= 0x24f5 && c <= 0x24fe) {
      out += String(c - 0x24f5 + 1); // ⓵ .. ⓾
    } else if (c === 0xfe0f || c === 0x20e3) {
      // Variation selector and combining keycap: "6️⃣" is "6" + FE0F + 20E3.
    } else if (c === 0xd83d && text.charCodeAt(i + 1) === 0xdd1f) {
      out += '10'; // 🔟
      i++;
    } else if (simplified.has(text[i])) {
      out += simplified.get(text[i]);
    } else {
      out += text[i].toLowerCase();
    }
  }
  return out;
}
