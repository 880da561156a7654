/** "Demo User" → "DU", "@mash" → "M": the letters an avatar shows without a photo. */
export function initialsOf(name: string): string {
  return name
    .replace('@', '')
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
