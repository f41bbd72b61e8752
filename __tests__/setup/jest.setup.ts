import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';

// jsdom lacks TextEncoder/TextDecoder, which the debrief links use.
if (typeof globalThis.TextEncoder !== 'function') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}
