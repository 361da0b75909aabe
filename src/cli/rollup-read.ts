import { AsOfError } from '../core/engine';
import type { TrackerFile, TrackerSummary } from '../core/rollup';
import { readTracker, unexpectedFailure } from '../core/rollup-tracker';
import { WorkbookFileError, readXlsx } from '../workbook/xlsx/read';
import { PathError, readRegularFile } from './files';
import { MAX_INPUT_BYTES } from './inputs';
import { nodeCodec } from './node-codec';

// Reading one tracker of a directorate, the same in a worker thread and in the
// main thread (--jobs 1): the file is read, its grid made and judged, and only the
// compact summary comes back. A file that cannot be read comes back refused with
// the message `ragbook check` gives for it; nothing a file holds can stop the others.

export interface ReadJob {
  index: number;
  /** Its name, and the path it is read from. */
  file: TrackerFile;
  asOf: string;
  /** ISO date-time of the run. */
  now: string;
  /** The directorate's --settings, on top of the tracker's own. */
  settings: unknown;
  withReport: boolean;
}

export type ReadOutcome = { index: number } & (
  | { kind: 'read'; summary: TrackerSummary; workstreamsJson: string | null; actionsJson?: string }
  | { kind: 'refused'; message: string }
  | { kind: 'skipped'; reason: string }
);

export function readTrackerFile(job: ReadJob): ReadOutcome {
  const { index, file } = job;
  try {
    const bytes = readRegularFile(file.path, 'a workbook', MAX_INPUT_BYTES);
    const { grid } = readXlsx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file.file, { codec: nodeCodec });
    const read = readTracker(grid, {
      file,
      asOf: job.asOf,
      now: new Date(job.now),
      settings: job.settings ?? undefined,
      withReport: job.withReport,
    });
    return read.kind === 'read' ? { index, ...read } : { index, kind: 'skipped', reason: read.reason };
  } catch (e) {
    if (e instanceof WorkbookFileError || e instanceof AsOfError || e instanceof PathError) {
      return { index, kind: 'refused', message: e.message };
    }
    return { index, kind: 'refused', message: unexpectedFailure(file.file, e) };
  }
}

/**
 * An outcome as a worker posts it: the tracker's action lines as one JSON string,
 * which crosses to the main thread as one copy (a string is copied whole, as fast as
 * memory) and parses there several times faster than the structured clone of
 * 100,000s of small arrays. Handing over the bytes instead (transferred, not
 * copied) cost the worker more in encoding them than the copy it saved.
 */
export function pack(o: ReadOutcome): ReadOutcome {
  if (o.kind !== 'read') return o;
  return { ...o, summary: { ...o.summary, actions: [] }, actionsJson: JSON.stringify(o.summary.actions) };
}

export function unpack(o: ReadOutcome): ReadOutcome {
  if (o.kind !== 'read' || o.actionsJson === undefined) return o;
  const { actionsJson, ...rest } = o;
  return { ...rest, summary: { ...o.summary, actions: JSON.parse(actionsJson) as TrackerSummary['actions'] } };
}
