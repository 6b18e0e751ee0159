// Consent receipts: the body's canonical JSON in a C2SP signed note, signed by the service's
// Ed25519 key, so a customer can prove later what they agreed to (R5, R9). Uses zod: server and
// command line only, never the widget.
import { canonicalize, err, ok, openNote, type NoteVerifier, type Result } from '../ledger';
import { ReceiptBodySchema, type ReceiptBody } from '../schema/consent';

/** The first line of every receipt note: the format, so a receipt is not mistaken for a checkpoint. */
export const RECEIPT_HEADER = 'custodian-consent-receipt/1';

/**
 * The note text a receipt signs: header line, canonical JSON of the body, newline.
 *
 * @example
 *   signNote(receiptText(body).value, signer); // the note handed to the customer
 */
export function receiptText(body: ReceiptBody): Result<string> {
  const canonical = canonicalize(body);
  if (!canonical.ok)
    return err(`the receipt is not JSON: ${canonical.error.path}: ${canonical.error.reason}`);
  return ok(`${RECEIPT_HEADER}\n${canonical.text}\n`);
}

/**
 * Checks a receipt note's signature with `verifier` and returns its body.
 *
 * @example
 *   openReceipt(note, verifier); // { ok: true, value: { receiptId: …, decisions: […] } }
 */
export function openReceipt(note: string, verifier: NoteVerifier): Result<ReceiptBody> {
  const text = openNote(note, verifier);
  if (!text.ok) return text;
  // Exactly two lines: a blank line inside the text would otherwise hide more after the body.
  const [header, json, rest, ...more] = text.value.split('\n');
  if (header !== RECEIPT_HEADER || json === undefined || rest !== '' || more.length > 0) {
    return err(
      `This note is not a consent receipt: expected the line ${RECEIPT_HEADER}, then the body's JSON on one line.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return err('The receipt body is not JSON: the note was damaged.');
  }
  const body = ReceiptBodySchema.safeParse(value);
  if (!body.success) {
    const issue = body.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'body';
    return err(`The receipt body is malformed: ${where}: ${issue?.message ?? 'not a receipt'}.`);
  }
  const again = receiptText(body.data);
  if (!again.ok || again.value !== text.value)
    return err('The receipt body is not in canonical form.');
  return ok(body.data);
}
