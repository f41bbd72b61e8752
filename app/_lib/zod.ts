/**
 * zod for code that runs in the browser. `jitless` stops zod from probing `new Function`, which
 * the Content-Security-Policy forbids (the probe would log a CSP violation on every page).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
