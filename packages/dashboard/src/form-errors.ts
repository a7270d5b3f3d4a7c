import { ApiFailure } from "./api/client.js";

/**
 * Puts the API's field errors on the form fields they name and says what is left to show above
 * the form: nothing when every error found its field. `fieldOf` maps an API field, with `body.`
 * dropped and indexes dotted (`rules.0.variant`), to a form path, or to undefined when the form
 * has no such field.
 */
export function placeApiErrors(
  error: Error,
  form: { setFieldError: (path: string, message: string) => void },
  fieldOf: (field: string) => string | undefined,
  placedMessage: string | null = null,
): string | null {
  if (!(error instanceof ApiFailure)) return error.message;
  let placed = false;
  for (const detail of error.body.details ?? []) {
    const field = fieldOf(detail.field.replace(/^body\./, "").replace(/\[(\d+)\]/g, ".$1"));
    if (field === undefined) continue;
    form.setFieldError(field, detail.message);
    placed = true;
  }
  return placed ? placedMessage : error.message;
}
