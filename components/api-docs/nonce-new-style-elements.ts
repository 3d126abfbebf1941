/**
 * Gives every <style> element created from now on this request's Content-Security-Policy nonce, and returns the undo.
 * The API reference (Scalar, its toasts and editors) appends <style> elements without one, which the policy would
 * block; this keeps `style-src` nonce-only instead of allowing every inline style element.
 */
export function nonceNewStyleElements(nonce: string): () => void {
  const original = Document.prototype.createElement;
  Document.prototype.createElement = function createElement(this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = original.call(this, tagName, options);
    if (tagName.toLowerCase() === "style") element.nonce = nonce;
    return element;
  } as typeof original;
  return () => {
    Document.prototype.createElement = original;
  };
}
