/**
 * Diacritic-insensitive search for Vietnamese: "dong da", "Đống Đa" and "ĐỐNG ĐA" match.
 * NFD splits letters from their marks; đ/Đ is a letter of its own and is mapped by hand.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the query, folded, occurs in the text as a phrase ("dong anh" is not "Đông Hội … Thanh"). */
export function matchesQuery(text: string, query: string): boolean {
  const q = fold(query);
  return q === '' || fold(text).includes(q);
}
