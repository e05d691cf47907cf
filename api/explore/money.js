// Amounts as people read them in a table cell: 1.2M, 350k, 900.

export function short(amount) {
  if (amount === null || amount === undefined) return "";
  const size = Math.abs(amount);
  if (size >= 1e9) return `${(amount / 1e9).toFixed(1)}B`;
  if (size >= 1e6) return `${(amount / 1e6).toFixed(1)}M`;
  if (size >= 1e3) return `${Math.round(amount / 1e3)}k`;
  return String(Math.round(amount));
}
