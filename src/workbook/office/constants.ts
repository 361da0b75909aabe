// The numbers the Excel adapter works by, each with the reason for its value.

/** The lowest ExcelApi set Ragbook runs on: worksheet custom properties (one of the two marks). */
export const REQUIRED_EXCEL_API = '1.12';
/** Table.resize; without it a table that must grow is converted to a range and added again. */
export const TABLE_RESIZE_EXCEL_API = '1.13';
export const MERGED_AREAS_EXCEL_API = '1.13';
/** Excel on the web refuses request and response payloads of 5 MB; stay under 4 MB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4_000_000;
/** Estimated JSON size of one cell's value and number format in a read. */
export const READ_BYTES_PER_CELL = 30;
/** Where the ribbon command writes a failure on Ragbook's own summary sheet (beside the title). */
export const STATUS_CELL = 'B1';
/** How long a recalculation waits for another one to finish before saying so. */
export const LOCK_WAIT_MS = 30_000;
/** How often a waiting recalculation looks again. */
export const LOCK_POLL_MS = 2_000;
/**
 * The ribbon command's watchdog: a context.sync() that never returns (a known
 * Excel on the web failure) would otherwise leave the user with no message at all.
 * A recalculation of 20,000 rows takes seconds; two minutes is a hang.
 */
export const COMMAND_TIMEOUT_MS = 120_000;
