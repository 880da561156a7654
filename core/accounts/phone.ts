// Phones are personal data: the API shows only enough to tell two accounts apart.
/** "+79991234567" → "+7 *** ***-45-67"; keeps the country prefix guess and the last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5) return '***';
  const last4 = digits.slice(-4);
  const country = digits.length > 10 ? digits.slice(0, digits.length - 10) : '';
  return `${country ? `+${country} ` : ''}*** ***-${last4.slice(0, 2)}-${last4.slice(2)}`;
}
