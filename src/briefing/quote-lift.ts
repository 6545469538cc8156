// A quote shown on its own, away from its sentence: the comma, semicolon or colon that joined it to "…, she said"
// is dropped, as newsrooms do when they lift a quote. Everything else stays verbatim. The one rule for every
// command that shows a quote (/quotes, /brief, /ask).

export function liftQuote(text: string): string {
  return text.replace(/[\s,;:]+$/, '').trim();
}
