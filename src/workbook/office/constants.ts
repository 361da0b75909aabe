// The numbers the Excel adapter works by, each with the reason for its value.

/** The lowest ExcelApi set Ragbook runs on: worksheet custom properties (the ownership marker). */
export const REQUIRED_EXCEL_API = '1.12';
/** Merged areas (range.getMergedAreasOrNullObject) are read only where the host has this set. */
export const MERGED_AREAS_EXCEL_API = '1.13';
/** Excel on the web refuses request and response payloads of 5 MB; stay under 4 MB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4_000_000;
/** Estimated JSON size of one cell's value and number format in a read. */
export const READ_BYTES_PER_CELL = 30;
/** Where the ribbon command writes a failure on Ragbook's own summary sheet (beside the title). */
export const STATUS_CELL = 'B1';
