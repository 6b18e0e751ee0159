// Errors as values in the ledger core (see STYLE.md): the edge decides whether to throw or answer 400.

/** A value, or a message that says what was wrong and, where it can, how to fix it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });
