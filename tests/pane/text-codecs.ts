import { TextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

// jsdom has no TextDecoder or TextEncoder, which the .xlsx reader and writer use (as
// every browser has them). Imported first by the pane tests that run the real ones.
// Node's encoder makes its arrays in Node's realm, not the test page's, where
// `instanceof Uint8Array` would say no: each is re-viewed as the page's own.
class TextEncoder {
  private readonly inner = new NodeTextEncoder();
  encode(text: string): Uint8Array {
    const b = this.inner.encode(text);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  encodeInto(text: string, into: Uint8Array): { read: number; written: number } {
    return this.inner.encodeInto(text, into);
  }
}
Object.assign(globalThis, { TextDecoder, TextEncoder });
