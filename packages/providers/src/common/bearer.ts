/** The token of an `Authorization: Bearer <token>` header (scheme in any case, blanks around), or null. */
export function bearerTokenOf(headers: Record<string, string | undefined>): string | null {
  return /^Bearer[ \t]+(\S+)$/i.exec(headers['authorization']?.trim() ?? '')?.[1] ?? null;
}
