/** How long an export's object URL stays valid: long enough for the browser to start saving. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Offers `text` as a file download from the current page (Blob, object URL, `<a download>`);
 * needs no permission and makes no request.
 */
export function downloadText(doc: Document, fileName: string, text: string, type: string): void {
  const view = doc.defaultView ?? window;
  const url = view.URL.createObjectURL(new Blob([text], { type }));
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
