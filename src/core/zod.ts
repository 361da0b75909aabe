import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` when it can. The task pane's
// Content-Security-Policy has no 'unsafe-eval', so that attempt would be reported
// as a policy violation on every load; jitless parsing is fast enough for the
// few settings, report and plan objects Ragbook parses. Every schema imports z
// from here, so this runs before any of them is built.
z.config({ jitless: true });

export { z };
