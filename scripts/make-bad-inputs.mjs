#!/usr/bin/env node
// Writes the bad-input corpus in tests/bad-inputs/: malformed files that must be
// refused cleanly, and awkward but valid workbooks that must be read correctly.
// This script is the source of truth for the corpus: it is deterministic (fixed
// zip timestamps, a seeded random generator, fflate's pure-JS deflate), so running
// it again gives the same bytes, and tests/bad-inputs.test.ts checks that it does.
//
//   node scripts/make-bad-inputs.mjs              # writes tests/bad-inputs/ (small files, committed)
//   node scripts/make-bad-inputs.mjs --out DIR    # the same corpus into DIR
//   node scripts/make-bad-inputs.mjs --large DIR  # the big ones, made at test time, never committed:
//                                                 #   a million shared strings, 1,048,576 formatted rows,
//                                                 #   a zip bomb that really inflates to 2 GiB
//
// Each file is listed in tests/bad-inputs/manifest.json with what Ragbook must do
// with it; tests/bad-inputs/README.md is written from the same list.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { deflateSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enc = new TextEncoder();

// ---------------------------------------------------------------------------
// Zip writing, with every field under control (a bomb lies in its fields)

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(d, crc = 0) {
  let c = ~crc >>> 0;
  for (let i = 0; i < d.length; i++) c = CRC_TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// 30 September 2025, 09:00, in MS-DOS form.
const DOS_TIME = (9 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2025 - 1980) << 9) | (9 << 5) | 30;

const bytes = (x) => (typeof x === 'string' ? enc.encode(x) : x);

class Zip {
  constructor() {
    this.parts = []; // Uint8Array chunks of the local section
    this.offset = 0;
    this.central = [];
  }

  /**
   * Adds an entry. opts: store (no compression), deflated (pre-deflated bytes, with
   * size and crc given), size / crc (what the headers claim), flags.
   */
  add(name, content, opts = {}) {
    const data = content === null ? null : bytes(content);
    const method = opts.method ?? (opts.store ? 0 : 8);
    const packed = opts.deflated ?? (method === 0 || opts.store ? data : deflateSync(data, { level: 9 }));
    const size = opts.size ?? data.length;
    const crc = opts.crc ?? crc32(data);
    const flags = opts.flags ?? (opts.dataDescriptor ? 0x0808 : 0x0800); // UTF-8 names (+ bit 3: sizes after the data)
    const nameBytes = enc.encode(name);
    // ZIP64: the sizes and offset are 0xFFFFFFFF in the headers and 64-bit in an extra field.
    const zip64Extra = (withOffset) => {
      const e = new Uint8Array(4 + 16 + (withOffset ? 8 : 0));
      const v = new DataView(e.buffer);
      v.setUint16(0, 0x0001, true);
      v.setUint16(2, e.length - 4, true);
      v.setBigUint64(4, BigInt(size), true);
      v.setBigUint64(12, BigInt(packed.length), true);
      if (withOffset) v.setBigUint64(20, BigInt(this.offset), true);
      return e;
    };
    const localExtra = opts.zip64 ? zip64Extra(false) : new Uint8Array(0);
    const local = new Uint8Array(30 + nameBytes.length + localExtra.length);
    const v = new DataView(local.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, opts.zip64 ? 45 : 20, true);
    v.setUint16(6, flags, true);
    v.setUint16(8, method, true);
    v.setUint16(10, DOS_TIME, true);
    v.setUint16(12, DOS_DATE, true);
    const hide = opts.dataDescriptor;
    v.setUint32(14, hide ? 0 : crc, true);
    v.setUint32(18, hide ? 0 : opts.zip64 ? 0xffffffff : packed.length, true);
    v.setUint32(22, hide ? 0 : opts.zip64 ? 0xffffffff : size >>> 0, true);
    v.setUint16(26, nameBytes.length, true);
    v.setUint16(28, localExtra.length, true);
    local.set(nameBytes, 30);
    local.set(localExtra, 30 + nameBytes.length);
    const entry = {
      name,
      flags,
      method,
      crc,
      compressed: packed.length,
      size,
      offset: this.offset,
      centralExtra: opts.zip64 ? zip64Extra(true) : null,
    };
    const chunks = [local, packed];
    if (opts.dataDescriptor) {
      const dd = new Uint8Array(16);
      const dv = new DataView(dd.buffer);
      dv.setUint32(0, 0x08074b50, true);
      dv.setUint32(4, crc, true);
      dv.setUint32(8, packed.length, true);
      dv.setUint32(12, size >>> 0, true);
      chunks.push(dd);
    }
    for (const c of chunks) {
      this.parts.push(c);
      this.offset += c.length;
    }
    this.central.push(entry);
    return entry;
  }

  /** A second table-of-contents entry for data already in the file (overlapping entries). */
  alias(name, entry) {
    this.central.push({ ...entry, name });
  }

  /**
   * opts: zip64 (ZIP64 end records), count (the entry count the end record claims),
   * cdOffset (the directory offset it claims), comment (bytes after the end record),
   * prefix (bytes before the first entry, offsets left unadjusted), edit(centralEntry) before writing.
   */
  build(opts = {}) {
    const cd = [];
    let cdSize = 0;
    for (const e0 of this.central) {
      const e = opts.edit ? opts.edit({ ...e0 }) : e0;
      const nameBytes = enc.encode(e.name);
      const extra = e.centralExtra ?? new Uint8Array(0);
      const h = new Uint8Array(46 + nameBytes.length + extra.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, e.centralExtra ? 45 : 20, true);
      v.setUint16(6, e.centralExtra ? 45 : 20, true);
      v.setUint16(8, e.flags, true);
      v.setUint16(10, e.method, true);
      v.setUint16(12, DOS_TIME, true);
      v.setUint16(14, DOS_DATE, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.centralExtra ? 0xffffffff : e.compressed, true);
      v.setUint32(24, e.centralExtra ? 0xffffffff : e.size >>> 0, true);
      v.setUint16(28, nameBytes.length, true);
      v.setUint16(30, extra.length, true);
      v.setUint32(42, e.centralExtra ? 0xffffffff : e.offset, true);
      h.set(nameBytes, 46);
      h.set(extra, 46 + nameBytes.length);
      cd.push(h);
      cdSize += h.length;
    }
    const count = opts.count ?? this.central.length;
    const cdOffset = opts.cdOffset ?? this.offset;
    const tail = [];
    if (opts.zip64) {
      const z = new Uint8Array(56);
      const zv = new DataView(z.buffer);
      zv.setUint32(0, 0x06064b50, true);
      zv.setBigUint64(4, 44n, true);
      zv.setUint16(12, 45, true);
      zv.setUint16(14, 45, true);
      zv.setBigUint64(24, BigInt(count), true);
      zv.setBigUint64(32, BigInt(count), true);
      zv.setBigUint64(40, BigInt(cdSize), true);
      zv.setBigUint64(48, BigInt(cdOffset), true);
      const loc = new Uint8Array(20);
      const lv = new DataView(loc.buffer);
      lv.setUint32(0, 0x07064b50, true);
      lv.setBigUint64(8, BigInt(opts.zip64LocatorOffset ?? this.offset + cdSize), true);
      lv.setUint32(16, 1, true);
      tail.push(z, loc);
    }
    const comment = opts.comment ?? new Uint8Array(0);
    const eocd = new Uint8Array(22 + comment.length);
    const v = new DataView(eocd.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, opts.zip64 ? 0xffff : count & 0xffff, true);
    v.setUint16(10, opts.zip64 ? 0xffff : count & 0xffff, true);
    v.setUint32(12, opts.zip64 ? 0xffffffff : cdSize, true);
    v.setUint32(16, opts.zip64 ? 0xffffffff : cdOffset >>> 0, true);
    v.setUint16(20, comment.length, true);
    eocd.set(comment, 22);
    return concat([opts.prefix ?? new Uint8Array(0), ...this.parts, ...cd, ...tail, eocd]);
  }
}

function concat(chunks) {
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Minimal, valid SpreadsheetML

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(c) {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A workbook from sheets of rows. Strings go to the shared-string table; a value
 * { date: serial } is a number under a date format (style 1).
 * opts.sst: a prepared shared-string table (for the million-string case), opts.extraSheetXml.
 */
function workbookParts(sheets, opts = {}) {
  const strings = opts.sst ? [...opts.sst] : [];
  const index = new Map(strings.map((s, i) => [s, i]));
  const sid = (s) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const sheetXml = sheets.map((sh) => {
    if (sh.xml) return sh.xml;
    const rows = [];
    let maxC = 0;
    sh.rows.forEach((row, r) => {
      if (!row || !row.length) return;
      const cells = [];
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        maxC = Math.max(maxC, c);
        const ref = `${colName(c)}${r + 1}`;
        if (typeof v === 'number') cells.push(`<c r="${ref}"><v>${v}</v></c>`);
        else if (typeof v === 'object' && 'date' in v) cells.push(`<c r="${ref}" s="1"><v>${v.date}</v></c>`);
        else cells.push(`<c r="${ref}" t="s"><v>${sid(String(v))}</v></c>`);
      });
      rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    });
    const dim = sh.dimension ?? `A1:${colName(maxC)}${Math.max(1, sh.rows.length)}`;
    return `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><dimension ref="${dim}"/><sheetData>${rows.join('')}${sh.tailRows ?? ''}</sheetData>${sh.after ?? ''}</worksheet>`;
  });
  const parts = [];
  parts.push([
    '[Content_Types].xml',
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`)
      .join(
        '',
      )}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  ]);
  parts.push([
    '_rels/.rels',
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ]);
  parts.push([
    'xl/workbook.xml',
    opts.workbookXml ??
      `${HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  ]);
  const n = sheets.length;
  parts.push([
    'xl/_rels/workbook.xml.rels',
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ]);
  parts.push([
    'xl/styles.xml',
    `${HEAD}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ]);
  sheetXml.forEach((xml, i) => parts.push([`xl/worksheets/sheet${i + 1}.xml`, xml]));
  parts.push(['xl/sharedStrings.xml', opts.sstXml ?? sstXml(strings)]);
  return parts;
}

function sstXml(strings) {
  const items = strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`);
  return `${HEAD}<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${items.join('')}</sst>`;
}

function zipOf(parts, opts = {}) {
  const z = new Zip();
  for (const [name, content] of parts) z.add(name, content, opts[name] ?? {});
  return z.build();
}

// A small tracker with something to report on every sheet it is put on.
function tracker(title = 'Work stream 1: Improving triage') {
  return [
    [title],
    ['No', 'Action', 'Progress at 30 June 2025', 'Status', 'Target date'],
    [1, 'Review caseloads weekly', 'Rota live since May', 'Completed', { date: 45747 }],
    [2, 'Train contact centre staff', 'Two of three cohorts trained', 'In progess', 'w/c 14 April 2025'],
    [3, 'Publish a plain-English directory', 'Awaiting sign-off', 'Static', '31/02/2025'],
    [4, '=Review the call-back script', 'Not yet begun', '', 'TBC'],
    [5, 'Set up a carers advice line', 'Funding approved', 'Done', 'Q3 2025/26'],
    [],
    [null, 'Completed', 'In progress', 'Static', 'Total'],
    ['Number', 1, 1, 1, 5],
  ];
}

// ---------------------------------------------------------------------------
// Compound files (OLE2): the container of .xls and of password-protected .xlsx

/** A minimal compound file: header, FAT, a directory naming the given streams. */
function compoundFile(streamNames) {
  const sector = 512;
  const header = new Uint8Array(sector);
  const hv = new DataView(header.buffer);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  hv.setUint16(24, 0x003e, true); // minor version
  hv.setUint16(26, 0x0003, true); // major version 3
  hv.setUint16(28, 0xfffe, true); // little-endian
  hv.setUint16(30, 9, true); // 512-byte sectors
  hv.setUint16(32, 6, true); // 64-byte mini sectors
  hv.setUint32(44, 1, true); // one FAT sector
  hv.setUint32(48, 1, true); // directory starts at sector 1
  hv.setUint32(56, 4096, true); // mini stream cutoff
  hv.setUint32(60, 0xfffffffe, true); // no mini FAT
  hv.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  hv.setUint32(76, 0, true); // FAT in sector 0
  for (let i = 1; i < 109; i++) hv.setUint32(76 + i * 4, 0xffffffff, true);
  const fat = new Uint8Array(sector).fill(0xff);
  const fv = new DataView(fat.buffer);
  fv.setUint32(0, 0xfffffffd, true); // sector 0: FAT
  fv.setUint32(4, 0xfffffffe, true); // sector 1: directory, end of chain
  const dir = new Uint8Array(sector);
  const names = ['Root Entry', ...streamNames];
  names.slice(0, 4).forEach((name, k) => {
    const off = k * 128;
    const dv = new DataView(dir.buffer);
    for (let i = 0; i < name.length; i++) dv.setUint16(off + i * 2, name.charCodeAt(i), true);
    dv.setUint16(off + 64, (name.length + 1) * 2, true);
    dir[off + 66] = k === 0 ? 5 : 2; // root storage, then streams
    dir[off + 67] = 1; // black
    dv.setUint32(off + 68, 0xffffffff, true);
    dv.setUint32(off + 72, k > 0 && k < names.length - 1 ? k + 1 : 0xffffffff, true);
    dv.setUint32(off + 76, k === 0 ? 1 : 0xffffffff, true);
    dv.setUint32(off + 116, 0xfffffffe, true);
  });
  return concat([header, fat, dir]);
}

// ---------------------------------------------------------------------------
// Seeded random bytes

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

// ---------------------------------------------------------------------------
// The corpus

const EXPECT_REFUSED = 'refused';
const EXPECT_READ = 'read';

function corpus() {
  const files = [];
  const add = (name, data, expect) => files.push({ name, data, ...expect });
  const good = zipOf(workbookParts([{ name: 'Tracker', rows: tracker() }]));

  // Malformed: exit 2, one line naming the file, nothing written, < 5 s.
  add('truncated.xlsx', good.subarray(0, Math.floor(good.length * 0.6)), {
    expect: EXPECT_REFUSED,
    problems: ['corrupt'],
    what: 'a valid tracker cut at 60% of its length, as by an interrupted download',
  });
  add('truncated-end.xlsx', good.subarray(0, good.length - 10), {
    expect: EXPECT_REFUSED,
    problems: ['corrupt'],
    what: 'the same tracker missing only its last 10 bytes (the end of the table of contents)',
  });
  add(
    'bad-checksum.xlsx',
    (() => {
      const z = new Zip();
      for (const [name, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) {
        z.add(name, content, name.endsWith('sheet1.xml') ? { crc: crc32(bytes(content)) ^ 0x5a5a5a5a } : {});
      }
      return z.build();
    })(),
    { expect: EXPECT_REFUSED, problems: ['corrupt'], what: 'a tracker whose sheet fails its CRC-32 checksum (bit rot)' },
  );
  add(
    'not-a-workbook.xlsx',
    zipOf([
      ['notes.txt', 'Minutes of the improvement board, 30 September 2025.\n'],
      ['data.csv', 'No,Action,Status\n1,Review caseloads,Completed\n'],
    ]),
    { expect: EXPECT_REFUSED, problems: ['not-workbook'], what: 'a zip archive holding a text file and a CSV' },
  );
  add(
    'word-document.xlsx',
    zipOf([
      [
        '[Content_Types].xml',
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ],
      [
        '_rels/.rels',
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ],
      [
        'word/document.xml',
        `${HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Improvement plan</w:t></w:r></w:p></w:body></w:document>`,
      ],
    ]),
    { expect: EXPECT_REFUSED, problems: ['not-workbook'], what: 'a Word document (.docx) renamed .xlsx' },
  );
  add(
    'xlsb-renamed.xlsx',
    zipOf([
      [
        '_rels/.rels',
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      ],
      ['xl/workbook.bin', new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00])],
    ]),
    { expect: EXPECT_REFUSED, problems: ['not-workbook'], what: 'an Excel binary workbook (.xlsb) renamed .xlsx' },
  );
  add(
    'ods-renamed.xlsx',
    zipOf(
      [
        ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
        ['content.xml', `${HEAD}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`],
      ],
      { mimetype: { store: true } },
    ),
    { expect: EXPECT_REFUSED, problems: ['not-workbook'], what: 'an OpenDocument spreadsheet (.ods) renamed .xlsx' },
  );
  add('old-excel-97.xlsx', compoundFile(['Workbook', '\u0005SummaryInformation']), {
    expect: EXPECT_REFUSED,
    problems: ['xls'],
    what: 'an Excel 97-2003 .xls (an OLE2 compound file with a Workbook stream) renamed .xlsx',
  });
  add('password-protected.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']), {
    expect: EXPECT_REFUSED,
    problems: ['encrypted'],
    what: 'a password-protected workbook: the compound file Excel writes, with EncryptionInfo and EncryptedPackage streams',
  });
  add(
    'zip-encrypted-entries.xlsx',
    zipOf(
      workbookParts([{ name: 'Tracker', rows: tracker() }]).map(([n, c]) => [n, c]),
      Object.fromEntries(workbookParts([{ name: 'Tracker', rows: tracker() }]).map(([n]) => [n, { flags: 0x0801 }])),
    ),
    {
      expect: EXPECT_REFUSED,
      problems: ['encrypted', 'corrupt'],
      what: 'a zip whose entries are marked encrypted (zip-level password, flag bit 0)',
    },
  );

  // XML attacks: a DOCTYPE is refused before any entity could be resolved.
  const xxe = (where, doctype) => {
    const parts = workbookParts([{ name: 'Tracker', rows: tracker() }]);
    return zipOf(
      parts.map(([n, c]) => {
        if (n !== where) return [n, c];
        const body = c.replace(HEAD, '');
        const withEntity = where.endsWith('sharedStrings.xml')
          ? body.replace('<si><t xml:space="preserve">', '<si><t xml:space="preserve">&xxe;')
          : where.endsWith('sheet1.xml')
            ? body.replace('<sheetData>', '<sheetData><row r="30"><c r="A30" t="inlineStr"><is><t>&xxe;</t></is></c></row>')
            : body;
        return [n, `${HEAD}${doctype}\n${withEntity}`];
      }),
    );
  };
  add('xxe-shared-strings.xlsx', xxe('xl/sharedStrings.xml', '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), {
    expect: EXPECT_REFUSED,
    problems: ['unsafe-xml'],
    what: 'sharedStrings.xml declares an external entity reading file:///etc/passwd and uses it',
  });
  add('xxe-sheet.xlsx', xxe('xl/worksheets/sheet1.xml', '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), {
    expect: EXPECT_REFUSED,
    problems: ['unsafe-xml'],
    what: 'the worksheet declares an external entity reading file:///etc/passwd and uses it in a cell',
  });
  add(
    'xxe-parameter-entity.xlsx',
    xxe('xl/workbook.xml', '<!DOCTYPE workbook [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'),
    {
      expect: EXPECT_REFUSED,
      problems: ['unsafe-xml'],
      what: 'workbook.xml pulls an external DTD over HTTP through a parameter entity',
    },
  );
  add(
    'billion-laughs.xlsx',
    xxe(
      'xl/sharedStrings.xml',
      '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;"><!ENTITY xxe "&lol9;">]>',
    ),
    {
      expect: EXPECT_REFUSED,
      problems: ['unsafe-xml'],
      what: 'the "billion laughs": nested internal entities that would expand to 3 GB of text',
    },
  );

  // Zip bombs: each stopped by a size bound before memory runs out.
  const zeros = new Uint8Array(16 * 1024 * 1024);
  const zerosDeflated = deflateSync(zeros, { level: 9 });
  add(
    'zip-bomb-overlap.xlsx',
    (() => {
      // Fifield's overlapping-entry bomb: one 16 MiB stream, named by 300 entries of
      // the table of contents, so the file claims 4.7 GiB while it holds 16 kB of data.
      const z = new Zip();
      for (const [name, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) z.add(name, content);
      const kernel = z.add('xl/media/image1.bin', null, { deflated: zerosDeflated, size: zeros.length, crc: crc32(zeros) });
      for (let i = 2; i <= 300; i++) z.alias(`xl/media/image${i}.bin`, kernel);
      return z.build();
    })(),
    {
      expect: EXPECT_REFUSED,
      problems: ['too-large'],
      what: 'an overlapping-entry zip bomb: 300 entries share one 16 MiB stream, 4.7 GiB in all from a ~30 kB file',
    },
  );
  add(
    'zip-bomb-declared.xlsx',
    (() => {
      const z = new Zip();
      for (const [name, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) z.add(name, content);
      z.add('xl/media/image1.bin', null, { deflated: zerosDeflated, size: 0xfffffff0, crc: 0 });
      return z.build();
    })(),
    {
      expect: EXPECT_REFUSED,
      problems: ['too-large'],
      what: 'an entry that says it unpacks to 4 GiB (beyond the 1 GiB bound), refused before inflating',
    },
  );
  add(
    'zip-bomb-size-lie.xlsx',
    (() => {
      const z = new Zip();
      for (const [name, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) {
        if (name.endsWith('sheet1.xml')) z.add(name, null, { deflated: zerosDeflated, size: 1000, crc: 0 });
        else z.add(name, content);
      }
      return z.build();
    })(),
    {
      expect: EXPECT_REFUSED,
      problems: ['too-large', 'corrupt'],
      what: 'the sheet claims 1,000 bytes but inflates to 16 MiB: inflation stops at the lie',
    },
  );

  // Not a zip at all.
  add('empty.xlsx', new Uint8Array(0), { expect: EXPECT_REFUSED, problems: ['not-zip'], what: 'an empty file (0 bytes)' });
  add(
    'random-bytes.xlsx',
    (() => {
      const r = prng(20250930);
      return Uint8Array.from({ length: 4096 }, () => r() & 0xff);
    })(),
    { expect: EXPECT_REFUSED, problems: ['not-zip'], what: '4 KiB of random bytes' },
  );
  add(
    'html-table.xlsx',
    enc.encode(
      '<html><head><meta charset="utf-8"><title>Export</title></head><body><table><tr><td>No</td><td>Action</td><td>Status</td></tr><tr><td>1</td><td>Review caseloads</td><td>Completed</td></tr></table></body></html>\n',
    ),
    {
      expect: EXPECT_REFUSED,
      problems: ['not-zip'],
      what: 'an HTML table saved with an .xlsx name, as some web systems "export to Excel"',
    },
  );
  add('csv-renamed.xlsx', enc.encode('No,Action,Status\r\n1,Review caseloads,Completed\r\n2,Train staff,In progress\r\n'), {
    expect: EXPECT_REFUSED,
    problems: ['not-zip'],
    what: 'a CSV file renamed .xlsx',
  });
  add('pdf-renamed.xlsx', enc.encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), {
    expect: EXPECT_REFUSED,
    problems: ['not-zip'],
    what: 'a PDF renamed .xlsx',
  });

  // Damaged inside a sound zip.
  add(
    'broken-sheet-xml.xlsx',
    zipOf(
      workbookParts([
        {
          name: 'Tracker',
          xml: `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><row r="2"></sheetData>`,
        },
      ]),
    ),
    {
      expect: EXPECT_REFUSED,
      problems: ['corrupt'],
      what: 'a worksheet whose XML is not well formed (an unclosed row, then the file ends)',
    },
  );
  add('missing-sheet-part.xlsx', zipOf(workbookParts([{ name: 'Tracker', rows: tracker() }]).filter(([n]) => !n.endsWith('sheet1.xml'))), {
    expect: EXPECT_REFUSED,
    problems: ['corrupt'],
    what: 'the workbook lists a sheet whose part is missing from the zip',
  });

  // Long runs without markup: a parser that waits for the next '<' must not rescan
  // what it has already read each time it decodes more (that is quadratic).
  add('nul-bytes-sheet.xlsx', zipOf(workbookParts([{ name: 'Tracker', xml: new Uint8Array(128 * 1024 * 1024) }])), {
    expect: EXPECT_REFUSED,
    problems: ['corrupt'],
    what: 'a worksheet part of 128 MiB of zero bytes (no markup at all) in a 130 kB file',
  });

  // Awkward but valid: read correctly.
  add(
    'sheet-names-with-quotes.xlsx',
    zipOf(
      workbookParts([
        { name: "It's ours", rows: tracker('Work stream 1: Improving triage') },
        { name: 'Plan "A"', rows: tracker('Work stream 2: Safeguarding adults') },
        { name: "O'Brien's 'team' plan", rows: tracker('Work stream 3: Carers support') },
        { name: 'Q1 & Q2 <draft>', rows: tracker('Work stream 4: Front door') },
      ]),
    ),
    {
      expect: EXPECT_READ,
      what: "sheets named It's ours, Plan \"A\", O'Brien's 'team' plan and Q1 & Q2 <draft>, each with findings: the RAG Issues links must quote them ('It''s ours'!D4)",
      sheets: ["It's ours", 'Plan "A"', "O'Brien's 'team' plan", 'Q1 & Q2 <draft>'],
      actions: 20,
    },
  );
  add(
    'user-rag-summary.xlsx',
    zipOf(
      workbookParts([
        { name: 'Tracker', rows: tracker() },
        {
          name: 'RAG Summary',
          rows: [['My own RAG summary, typed by hand'], ['Work stream', 'RAG'], ['Improving triage', 'Green'], ['=Do not touch', 'Amber']],
        },
      ]),
    ),
    {
      expect: EXPECT_READ,
      what: "a 'RAG Summary' sheet the user made (no Ragbook marker): it stays byte-identical and Ragbook writes beside it",
      userSheets: ['Tracker', 'RAG Summary'],
      actions: 5,
    },
  );
  add(
    'sparse-last-row.xlsx',
    zipOf(
      workbookParts([
        {
          name: 'Tracker',
          rows: tracker(),
          dimension: 'A1:XFD1048576',
          tailRows: '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>The very last cell</t></is></c></row>',
        },
      ]),
    ),
    {
      expect: EXPECT_READ,
      what: 'a used range reaching row 1,048,576 and column XFD, with a tracker at the top and one cell in the last row',
      actions: 5,
    },
  );
  add(
    'deep-nesting.xlsx',
    zipOf(
      workbookParts([
        {
          name: 'Tracker',
          rows: tracker(),
          after: `<extLst><ext uri="{00000000-0000-0000-0000-000000000000}">${'<x:a xmlns:x="urn:x">'.repeat(1)}${'<x:b>'.repeat(100_000)}${'</x:b>'.repeat(100_000)}</x:a></ext></extLst>`,
        },
      ]),
    ),
    {
      expect: EXPECT_READ,
      what: '100,000 nested elements in an extension list after the cells (a recursive parser would overflow its stack)',
      actions: 5,
    },
  );
  add(
    'huge-cell-text.xlsx',
    zipOf(
      workbookParts([
        {
          name: 'Tracker',
          rows: tracker(),
          tailRows: `<row r="40"><c r="B40" t="inlineStr"><is><t>${'A'.repeat(128 * 1024 * 1024)}</t></is></c></row>`,
        },
      ]),
    ),
    {
      expect: EXPECT_READ,
      orRefused: ['corrupt', 'too-large'],
      what: "one cell under the tracker holding 128 MiB of text (Excel's limit is 32,767 characters): read, or refused with a clear message, in bounded time",
      actions: 5,
    },
  );
  unseen(add);
  return files;
}

// ---------------------------------------------------------------------------
// More malformed and awkward files: the container lying about itself, parts in
// unexpected encodings or places, references out of range, and files the reader
// accepts but the writer cannot update. Added after probing the command with
// inputs the first corpus did not hold.

const SHEET1 = 'xl/worksheets/sheet1.xml';
const trackerParts = (opts) => workbookParts([{ name: 'Tracker', rows: tracker(), ...opts }]);
const withPart = (parts, name, fn) => parts.map(([n, c]) => (n === name ? [n, fn(c)] : [n, c]));
const withoutPart = (parts, name) => parts.filter(([n]) => n !== name);
/** A tracker whose main part has the given content type, with a VBA project when `vba`. */
function macroParts(mainType, vba) {
  let parts = withPart(trackerParts(), '[Content_Types].xml', (x) =>
    x
      .replace(`${CT}.sheet.main+xml`, mainType)
      .replace('</Types>', vba ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>' : '</Types>'),
  );
  if (vba) {
    parts = withPart(parts, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(
        '</Relationships>',
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    parts.push(['xl/vbaProject.bin', compoundFile(['VBA', 'PROJECT'])]);
  }
  return parts;
}
/** Rows after the tracker (which ends on row 10), as raw <row> XML. */
const tail = (xml) => trackerParts({ tailRows: xml });
const inline = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

function utf16le(text) {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

/** A zip of `parts`, with `opts` passed to Zip.build and `entry` options per part. */
function zipWith(parts, build = {}, entry = {}) {
  const z = new Zip();
  for (const [name, content] of parts) z.add(name, content, entry[name] ?? {});
  return z.build(build);
}

function unseen(add) {
  const refused = (problems, what) => ({ expect: EXPECT_REFUSED, problems, what });
  const read = (what, extra = {}) => ({ expect: EXPECT_READ, actions: 5, what, ...extra });
  /** Read by `check`, but `recalc` cannot write it: recalc exits 2 with one line naming the file and writes nothing. */
  const writeRefused = (what, extra = {}) => ({ expect: 'write-refused', actions: 5, what, ...extra });

  // The container lies about itself.
  add(
    'cd-offset-lie.xlsx',
    zipWith(trackerParts(), { edit: (e) => (e.name === SHEET1 ? { ...e, offset: e.offset + 7 } : e) }),
    refused(['corrupt'], 'the table of contents puts the sheet 7 bytes after where it really starts (no local header there)'),
  );
  add(
    'cd-offset-other-entry.xlsx',
    (() => {
      const z = new Zip();
      const entries = trackerParts().map(([n, c]) => z.add(n, c));
      const styles = entries.find((e) => e.name === 'xl/styles.xml');
      return z.build({ edit: (e) => (e.name === SHEET1 ? { ...e, offset: styles.offset } : e) });
    })(),
    refused(['corrupt'], "the table of contents points the sheet at the styles part's data (the sheet's checksum cannot match)"),
  );
  add(
    'cd-size-larger.xlsx',
    zipWith(trackerParts(), { edit: (e) => (e.name === SHEET1 ? { ...e, size: e.size + 5000 } : e) }),
    refused(['corrupt'], 'the sheet claims 5,000 bytes more than it inflates to'),
  );
  add(
    'cd-compressed-size-lie.xlsx',
    zipWith(trackerParts(), { edit: (e) => (e.name === SHEET1 ? { ...e, compressed: 0x7ffffff0 } : e) }),
    refused(['corrupt'], "the sheet's compressed size runs two gigabytes past the end of the file"),
  );
  add(
    'cd-count-lie.xlsx',
    zipWith(trackerParts(), { count: 500 }),
    refused(['corrupt'], 'the end record claims 500 entries; the table of contents holds 7'),
  );
  add(
    'cd-offset-beyond-end.xlsx',
    zipWith(trackerParts(), { cdOffset: 0x7ffffff0 }),
    refused(['corrupt'], 'the end record puts the table of contents 2 GiB into a 3 kB file'),
  );
  add(
    'zip64-locator-lie.xlsx',
    zipWith(trackerParts(), { zip64: true, zip64LocatorOffset: 2 ** 40 }),
    refused(['corrupt'], 'a ZIP64 locator pointing a terabyte past the end of the file'),
  );
  add(
    'zip64-count-huge.xlsx',
    zipWith(trackerParts(), { zip64: true, count: 2 ** 40 }),
    refused(['corrupt'], 'a ZIP64 end record claiming 2^40 entries (a loop bound taken from the file)'),
  );
  add(
    'method-aes.xlsx',
    zipWith(trackerParts(), {}, { [SHEET1]: { method: 99, store: true } }),
    refused(['corrupt', 'encrypted'], 'the sheet is stored with method 99 (WinZip AES encryption)'),
  );
  add(
    'method-bzip2.xlsx',
    zipWith(trackerParts(), {}, { [SHEET1]: { method: 12, store: true } }),
    refused(['corrupt'], 'the sheet is stored with method 12 (bzip2), which Excel never uses'),
  );
  add(
    'duplicate-entry-names.xlsx',
    zipWith([...trackerParts(), [SHEET1, tail(`<row r="20">${inline('A20', 'A second copy')}</row>`).find(([n]) => n === SHEET1)[1]]]),
    refused(['corrupt'], 'two zip entries named xl/worksheets/sheet1.xml with different content'),
  );
  add(
    'duplicate-names-case.xlsx',
    zipWith([
      ...trackerParts(),
      [
        'XL/Worksheets/Sheet1.xml',
        workbookParts([
          { name: 'Tracker', rows: tracker().map((r) => r.map((v) => (v === 'Static' || v === 'In progess' ? 'Completed' : v))) },
        ]).find(([n]) => n === SHEET1)[1],
      ],
    ]),
    refused(
      ['corrupt'],
      'xl/worksheets/sheet1.xml and XL/Worksheets/Sheet1.xml with different content: OPC part names ignore case, so which sheet is read is ambiguous',
    ),
  );
  add('empty-zip.xlsx', new Zip().build(), refused(['not-workbook'], 'a zip archive with no entries at all (22 bytes)'));

  // Relationships and references that lead nowhere, or out of the package.
  const relsName = 'xl/_rels/workbook.xml.rels';
  add(
    'rels-path-traversal.xlsx',
    zipOf(
      withPart(trackerParts(), relsName, (x) => x.replace('Target="worksheets/sheet1.xml"', 'Target="../../../../../../../../etc/passwd"')),
    ),
    refused(['corrupt'], 'the sheet relationship points at ../../../../../../../../etc/passwd: never a file on disk'),
  );
  add(
    'rels-external-sheet.xlsx',
    zipOf(
      withPart(trackerParts(), relsName, (x) =>
        x.replace('Target="worksheets/sheet1.xml"', 'Target="http://127.0.0.1:9/sheet1.xml" TargetMode="External"'),
      ),
    ),
    refused(['corrupt'], 'the sheet relationship is external (an http URL): never fetched'),
  );
  add(
    'sheet-rel-missing.xlsx',
    zipOf(withPart(trackerParts(), 'xl/workbook.xml', (x) => x.replace('r:id="rId1"', 'r:id="rId99"'))),
    refused(['corrupt'], 'workbook.xml names a relationship id (rId99) that the relationships part does not have'),
  );
  add(
    'sheet-without-relationship.xlsx',
    zipOf(
      withPart(trackerParts(), 'xl/workbook.xml', (x) =>
        x.replace('</sheets>', '<sheet name="Module1" sheetId="9" state="veryHidden" r:id=""/></sheets>'),
      ),
    ),
    read(
      'workbook.xml lists a second sheet with an empty relationship id (r:id=""), as an old macro module or a library leaves it: the tracker is read, and the sheet is named as not read',
    ),
  );
  add(
    'backslash-part-names.xlsx',
    zipOf(trackerParts().map(([n, c]) => [n.replace(/\//g, '\\'), c])),
    refused(
      ['corrupt'],
      'every part stored under a name written with backslashes (xl\\workbook.xml), as some tools write them: named as such, not as missing',
    ),
  );
  add(
    'part-longer-than-declared.xlsx',
    (() => {
      const z = new Zip();
      for (const [name, content] of trackerParts()) {
        const data = bytes(content);
        // Two bytes more than the zip says, and a checksum of neither: a damaged entry, not a bomb.
        z.add(name, content, name === 'xl/_rels/workbook.xml.rels' ? { size: data.length - 2, crc: crc32(data) ^ 0x00ff00ff } : {});
      }
      return z.build();
    })(),
    refused(
      ['corrupt'],
      'the workbook relationships inflate to two bytes more than the zip says and fail their checksum (a damaged entry): reported as damaged, not as a zip bomb',
    ),
  );
  add(
    'macro-enabled-bad-checksum.xlsm',
    (() => {
      const z = new Zip();
      for (const [name, content] of macroParts('application/vnd.ms-excel.sheet.macroEnabled.main+xml', true)) {
        z.add(name, content, name === SHEET1 ? { crc: crc32(bytes(content)) ^ 0x5a5a5a5a } : {});
      }
      return z.build();
    })(),
    refused(
      ['corrupt'],
      'a macro-enabled workbook whose sheet fails its checksum: the message says to save it again as .xlsm, never as .xlsx, which would lose its macros',
    ),
  );
  add(
    'workbook-part-not-xml.xlsx',
    zipWith(
      withPart(trackerParts(), 'xl/workbook.xml', () => new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x9c, 0x01])),
      {},
      { 'xl/workbook.xml': { store: true } },
    ),
    refused(['corrupt'], 'xl/workbook.xml holds binary records, not XML (stored, not deflated)'),
  );
  add(
    'sst-index-out-of-range.xlsx',
    zipOf(tail('<row r="20"><c r="B20" t="s"><v>999999</v></c></row>')),
    refused(['corrupt'], 'a cell refers to shared string 999,999 of 13'),
  );
  add(
    'sst-index-not-a-number.xlsx',
    zipOf(tail('<row r="20"><c r="B20" t="s"><v>abc</v></c></row>')),
    refused(['corrupt'], 'a shared-string cell whose index is "abc"'),
  );
  for (const [name, ref, what] of [
    ['cell-ref-A0.xlsx', 'A0', 'a cell at A0 (rows start at 1)'],
    ['cell-ref-XFE1.xlsx', 'XFE1', 'a cell at XFE1, one column past the last (XFD)'],
    ['cell-ref-A1048577.xlsx', 'A1048577', 'a cell at A1048577, one row past the last'],
    ['cell-ref-overflow.xlsx', 'A99999999999999999999', 'a cell reference whose row number has 20 digits'],
    ['cell-ref-garbage.xlsx', '1A', 'a cell reference "1A" (digits first)'],
  ]) {
    add(name, zipOf(tail(`<row r="20">${inline(ref, 'Out of the sheet')}</row>`)), refused(['corrupt'], what));
  }
  add(
    'row-r-huge.xlsx',
    zipOf(tail(`<row r="99999999999999999999">${'<c t="inlineStr"><is><t>No reference</t></is></c>'}</row>`)),
    refused(['corrupt'], 'a row numbered 99,999,999,999,999,999,999 whose cells carry no reference'),
  );

  // A DOCTYPE in every part Ragbook reads or edits, in every spelling.
  const doctype = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
  const addDoctype = (x) => x.replace(HEAD, `${HEAD}${doctype}\n`);
  for (const [name, part, what] of [
    ['doctype-styles.xlsx', 'xl/styles.xml', 'styles.xml'],
    ['doctype-root-rels.xlsx', '_rels/.rels', 'the package relationships (_rels/.rels)'],
    ['doctype-workbook-rels.xlsx', relsName, "the workbook's relationships"],
    ['doctype-content-types.xlsx', '[Content_Types].xml', '[Content_Types].xml (which the writer edits)'],
  ]) {
    add(name, zipOf(withPart(trackerParts(), part, addDoctype)), refused(['unsafe-xml'], `${what} declares an external entity`));
  }
  add(
    'doctype-lowercase.xlsx',
    zipOf(
      withPart(trackerParts(), SHEET1, (x) => x.replace(HEAD, `${HEAD}<!doctype worksheet [<!entity xxe SYSTEM "file:///etc/passwd">]>\n`)),
    ),
    refused(['unsafe-xml', 'corrupt'], 'the sheet has a DOCTYPE spelt in lower case'),
  );
  add(
    'doctype-after-root.xlsx',
    zipOf(withPart(trackerParts(), SHEET1, (x) => `${x}\n${doctype}`)),
    refused(['unsafe-xml', 'corrupt'], 'the sheet has a DOCTYPE after its root element'),
  );
  add(
    'doctype-utf16.xlsx',
    zipOf(withPart(trackerParts(), SHEET1, (x) => utf16le(addDoctype(x).replace('encoding="UTF-8"', 'encoding="UTF-16"')))),
    refused(['unsafe-xml'], 'a UTF-16 sheet (with byte order mark) that declares an external entity'),
  );
  add(
    'doctype-table.xlsx',
    zipOf(
      (() => {
        const parts = trackerParts({ after: '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' });
        return [
          ...withPart(parts, '[Content_Types].xml', (x) =>
            x.replace('</Types>', `<Override PartName="/xl/tables/table1.xml" ContentType="${CT}.table+xml"/></Types>`),
          ),
          [
            'xl/worksheets/_rels/sheet1.xml.rels',
            `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
          ],
          [
            'xl/tables/table1.xml',
            `${HEAD}${doctype}\n<table xmlns="${NS}" id="1" name="Plan" displayName="Plan" ref="A2:E7"><autoFilter ref="A2:E7"/><tableColumns count="5"><tableColumn id="1" name="No"/><tableColumn id="2" name="Action"/><tableColumn id="3" name="Progress at 30 June 2025"/><tableColumn id="4" name="Status"/><tableColumn id="5" name="Target date"/></tableColumns></table>`,
          ],
        ];
      })(),
    ),
    refused(['unsafe-xml'], 'a table part (xl/tables/table1.xml) that declares an external entity'),
  );

  // Parts Ragbook reads but cannot write back, and workbooks it must not change.
  const strict = (x) =>
    typeof x === 'string'
      ? x
          .replaceAll('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main')
          .replaceAll(
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
            'http://purl.oclc.org/ooxml/officeDocument/relationships',
          )
          .replace('<workbook ', '<workbook conformance="strict" ')
      : x;
  add(
    'strict-ooxml.xlsx',
    zipOf(trackerParts().map(([n, c]) => [n, strict(c)])),
    writeRefused(
      'a Strict Open XML workbook (purl.oclc.org namespaces): read by check; recalc cannot write Strict, so it must say so, naming the file',
    ),
  );
  add(
    'structure-protected.xlsx',
    zipOf(
      withPart(trackerParts(), 'xl/workbook.xml', (x) =>
        x.replace('<sheets>', '<workbookProtection workbookPassword="CC3D" lockStructure="1"/><sheets>'),
      ),
    ),
    writeRefused('a workbook whose structure is protected (Review > Protect Workbook): sheets cannot be added, so recalc must say so'),
  );
  add(
    'content-types-missing.xlsx',
    zipOf(withoutPart(trackerParts(), '[Content_Types].xml')),
    writeRefused('a package without [Content_Types].xml (Excel will not open it): refused, at least by recalc, which must edit that part', {
      orRefused: ['corrupt', 'not-workbook'],
    }),
  );
  add(
    'content-types-bad-char-ref.xlsx',
    zipOf(
      withPart(trackerParts(), '[Content_Types].xml', (x) =>
        x.replace('ContentType="application/xml"', 'ContentType="application/xml&#x110000;"'),
      ),
    ),
    writeRefused(
      '[Content_Types].xml holds a character reference beyond Unicode (&#x110000;), in a part the reader never parses but the writer edits (found by tests/property.test.ts)',
      { orRefused: ['corrupt'] },
    ),
  );
  add(
    'utf16-parts.xlsx',
    zipOf(trackerParts().map(([n, c]) => [n, utf16le(c.replace('encoding="UTF-8"', 'encoding="UTF-16"'))])),
    read('every XML part in UTF-16 with a byte order mark, as OPC allows: read, or (for the writer) refused with one clear line', {
      orRefused: ['write'],
    }),
  );

  // Awkward but valid containers.
  add(
    'data-descriptor.xlsx',
    zipWith(trackerParts(), {}, Object.fromEntries(trackerParts().map(([n]) => [n, { dataDescriptor: true }]))),
    read('every entry with its sizes and checksum after the data (flag bit 3, zeros in the local headers), as streaming zip writers do'),
  );
  add(
    'zip64.xlsx',
    zipWith(trackerParts(), { zip64: true }, Object.fromEntries(trackerParts().map(([n]) => [n, { zip64: true }]))),
    read('a ZIP64 archive: ZIP64 end records, and 64-bit sizes and offsets in every entry (as some writers always produce)'),
  );
  add(
    'long-zip-comment.xlsx',
    zipWith(trackerParts(), { comment: Uint8Array.from({ length: 65535 }, (_, i) => 0x41 + (i % 26)) }),
    read('a zip comment of 65,535 bytes (the most the format allows) after the end record'),
  );
  add(
    'zip-slip-names.xlsx',
    zipOf([
      ...trackerParts(),
      ['../../ragbook-zip-slip.txt', 'must never be written'],
      ['/tmp/ragbook-zip-slip-abs.txt', 'must never be written'],
      ['..\\..\\ragbook-zip-slip-win.txt', 'must never be written'],
    ]),
    read('extra entries named ../../ragbook-zip-slip.txt, /tmp/… and ..\\..\\…: nothing is ever extracted to disk', {
      orRefused: ['corrupt', 'write'],
    }),
  );
  add(
    'rels-absolute-targets.xlsx',
    zipOf(
      withPart(trackerParts(), relsName, (x) =>
        x
          .replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/sheet1.xml"')
          .replace('Target="styles.xml"', 'Target="/xl/styles.xml"'),
      ),
    ),
    read('relationship targets written as absolute part names (/xl/worksheets/sheet1.xml), as OPC allows'),
  );

  // Awkward but valid sheet content.
  add(
    'rows-out-of-order.xlsx',
    (() => {
      const parts = trackerParts();
      return zipOf(
        withPart(parts, SHEET1, (x) => {
          const rows = x.match(/<row [^>]*>.*?<\/row>/g);
          return x.replace(rows.join(''), [...rows].reverse().join(''));
        }),
      );
    })(),
    read('the rows of the sheet written last to first'),
  );
  add(
    'malformed-numbers.xlsx',
    zipOf(
      tail(
        '<row r="20"><c r="A20"><v>1e999</v></c><c r="B20"><v>NaN</v></c><c r="C20"><v>0x1F</v></c><c r="D20"><v>-</v></c><c r="E20"><v>1,5</v></c></row>' +
          '<row r="21"><c r="A21"><v>Infinity</v></c><c r="B21"><v> </v></c><c r="C21"><v>--1</v></c><c r="D21" s="1"><v>99999999999</v></c><c r="E21" s="1"><v>-5</v></c></row>' +
          '<row r="22"><c r="A22" t="b"><v>maybe</v></c><c r="B22" t="d"><v>2025-02-31</v></c><c r="C22" t="e"><v>#N/A</v></c><c r="D22" t="n"><v>1.7976931348623157e309</v></c><c r="E22" t="zz"><v>?</v></c></row>',
      ),
    ),
    read('number cells holding 1e999, NaN, 0x1F, "1,5", a date serial of 99,999,999,999, a t="d" of 31 February, an unknown cell type'),
  );
  add(
    'cdata-cells.xlsx',
    zipOf(
      withPart(trackerParts(), SHEET1, (x) =>
        x
          .replace(
            /<c r="D(\d+)" t="s"><v>(\d+)<\/v><\/c>/g,
            (_m, r) => `<c r="D${r}" t="inlineStr"><is><t><![CDATA[${tracker()[r - 1][3]}]]></t></is></c>`,
          )
          .replace(
            '</sheetData>',
            '<row r="20"><c r="B20" t="inlineStr"><is><t><![CDATA[<b>not markup</b> & ]]]]><![CDATA[> ok]]></t></is></c></row></sheetData>',
          ),
      ),
    ),
    read('statuses written as CDATA sections, and a CDATA holding markup and a split "]]>"'),
  );
  add(
    'utf8-bom-parts.xlsx',
    zipOf(trackerParts().map(([n, c]) => [n, concat([new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode(c)])])),
    read('every XML part starts with a UTF-8 byte order mark'),
  );
  add(
    'wide-row.xlsx',
    zipOf(tail(`<row r="20">${Array.from({ length: 16384 }, (_, c) => `<c r="${colName(c)}20"><v>${c}</v></c>`).join('')}</row>`)),
    read('one row with a number in each of its 16,384 columns (A to XFD)'),
  );
  add(
    'sheet-names-duplicate.xlsx',
    zipOf(
      workbookParts([
        { name: 'Tracker', rows: tracker() },
        { name: 'TRACKER', rows: tracker('Work stream 2: Safeguarding adults') },
      ]),
    ),
    read('two sheets named Tracker and TRACKER (Excel refuses names that differ only in case): read, or refused clearly', {
      orRefused: ['corrupt'],
      actions: 10,
    }),
  );
  add(
    'control-characters.xlsx',
    zipOf(
      tail(`<row r="20">${inline('B20', 'Bell_x0007_ and NUL_x0000_ and a lone surrogate _xD800_ and _xFFFE_')}</row>`).map(([n, c]) =>
        n === SHEET1
          ? [n, c]
          : n === 'xl/sharedStrings.xml'
            ? [n, c.replace('In progess', 'In progess_x0008_').replace('Done', 'Done_x001B_[31m')]
            : [n, c],
      ),
    ),
    read(
      "characters XML cannot hold, written with Excel's _xHHHH_ escape (BEL, NUL, ESC, a lone surrogate, U+FFFE) in statuses and cells: read, and the RAG sheets stay well-formed XML",
    ),
  );
  add(
    'macro-enabled.xlsm',
    zipOf(macroParts('application/vnd.ms-excel.sheet.macroEnabled.main+xml', true)),
    read(
      'a macro-enabled workbook (.xlsm, with xl/vbaProject.bin): the default output keeps .xlsm and the macros byte for byte; --out NAME.xlsx must not write a macro-enabled package under a name Excel refuses to open',
      { mainContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' },
    ),
  );
  add(
    'template.xltx',
    zipOf(macroParts('application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml', false)),
    read(
      'an Excel template (.xltx): the default output keeps .xltx; --out NAME.xlsx must not write a template package under an .xlsx name',
      {
        mainContentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
      },
    ),
  );

  // Long runs inside markup other than plain text: comments, CDATA, attribute values.
  const MiB128 = 128 * 1024 * 1024;
  add(
    'huge-cdata.xlsx',
    zipOf(tail(`<row r="40"><c r="B40" t="inlineStr"><is><t><![CDATA[${'A'.repeat(MiB128)}]]></t></is></c></row>`)),
    read('one cell holding a 128 MiB CDATA section: read, or refused with a clear message, in bounded time', {
      orRefused: ['corrupt', 'too-large'],
    }),
  );
  add(
    'huge-comment.xlsx',
    zipOf(tail(`<!--${' '.repeat(MiB128)}-->`)),
    read('a 128 MiB XML comment among the rows', { orRefused: ['corrupt', 'too-large'] }),
  );
  add(
    'huge-processing-instruction.xlsx',
    zipOf(tail(`<?x-note ${' '.repeat(MiB128)}?>`)),
    read('a 128 MiB processing instruction among the rows', { orRefused: ['corrupt', 'too-large'] }),
  );
  add(
    'huge-attribute.xlsx',
    zipOf(tail(`<row r="40" x14ac:dyDescent="${'1'.repeat(MiB128)}" xmlns:x14ac="urn:x"/>`)),
    read('one attribute value of 128 MiB on a row', { orRefused: ['corrupt', 'too-large'] }),
  );
  add(
    'huge-shared-string.xlsx',
    zipOf(
      workbookParts([{ name: 'Tracker', rows: tracker(), tailRows: '<row r="40"><c r="B40" t="s"><v>0</v></c></row>' }], {
        sst: ['B'.repeat(MiB128)],
      }),
    ),
    read('a shared string of 128 MiB, used by one cell under the tracker', { orRefused: ['corrupt', 'too-large'] }),
  );

  // Text from the file reaches the terminal: a part name with a line break and escape
  // sequences must not split the one-line message or drive the terminal.
  const evil = 'xl/evil\nragbook: No errors.\u001b[2K\u001b]0;pwned\u0007.xml';
  add(
    'control-chars-in-part-name.xlsx',
    zipWith([...trackerParts(), [evil, '<a/>'], [evil, '<b/>']]),
    refused(['corrupt'], 'two parts with the same name, which holds a line break and terminal escape sequences (ESC [2K, an OSC title)'),
  );
}

// ---------------------------------------------------------------------------
// The large files, made at test time into a temporary folder

function large(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const made = [];
  // A million shared strings, the tracker's own text among the last of them.
  {
    const sst = Array.from({ length: 1_000_000 }, (_, i) => `Unused string number ${i}`);
    const file = path.join(dir, 'million-shared-strings.xlsx');
    fs.writeFileSync(file, zipOf(workbookParts([{ name: 'Tracker', rows: tracker() }], { sst })));
    made.push({
      name: path.basename(file),
      expect: EXPECT_READ,
      actions: 5,
      what: 'sharedStrings with 1,000,000 entries; the tracker uses strings past the millionth',
    });
  }
  // Formatted empty rows to the bottom of the sheet: 1,048,576 <row> elements.
  {
    const rows = [];
    for (let r = 12; r <= 1_048_576; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    const file = path.join(dir, 'formatted-rows-to-bottom.xlsx');
    fs.writeFileSync(file, zipOf(workbookParts([{ name: 'Tracker', rows: tracker(), dimension: 'A1:F1048576', tailRows: rows.join('') }])));
    made.push({
      name: path.basename(file),
      expect: EXPECT_READ,
      actions: 5,
      what: 'every row down to 1,048,576 present and formatted, with no values',
    });
  }
  // A real bomb: one entry whose deflate stream inflates to 2 GiB, in a ~2 MB file.
  // A sync-flushed deflate of 64 MiB of zeros ends on a byte boundary and decodes to
  // zeros whatever came before it, so 32 copies and a final empty block make one
  // valid 2 GiB stream. (zlib here, not fflate: this file is never committed.)
  {
    const file = path.join(dir, 'zip-bomb-2gib.xlsx');
    const piece = zlib.deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const deflated = concat([...Array.from({ length: 32 }, () => piece), new Uint8Array([0x03, 0x00])]);
    for (const [claim, name] of [
      [2000, 'zip-bomb-2gib.xlsx'],
      [2 ** 31, 'zip-bomb-2gib-honest.xlsx'],
    ]) {
      const z = new Zip();
      for (const [part, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) {
        if (part.endsWith('sheet1.xml')) z.add(part, null, { deflated, size: claim, crc: 0 });
        else z.add(part, content);
      }
      fs.writeFileSync(path.join(dir, name), z.build());
    }
    // Just under the 1 GiB bound, honest in size and checksum: it is inflated, then
    // refused because 896 MiB of zero bytes are not XML. Bounded, but the worst case.
    const under = concat([...Array.from({ length: 14 }, () => piece), new Uint8Array([0x03, 0x00])]);
    const size = 14 * 64 * 1024 * 1024;
    let crc = 0;
    const zeros = new Uint8Array(64 * 1024 * 1024);
    for (let i = 0; i < 14; i++) crc = zlib.crc32 ? zlib.crc32(zeros, crc) : crc32(zeros, crc);
    const z = new Zip();
    for (const [part, content] of workbookParts([{ name: 'Tracker', rows: tracker() }])) {
      if (part.endsWith('sheet1.xml')) z.add(part, null, { deflated: under, size, crc });
      else z.add(part, content);
    }
    fs.writeFileSync(path.join(dir, 'zip-bomb-under-limit.xlsx'), z.build());
    made.push({
      name: path.basename(file),
      expect: EXPECT_REFUSED,
      problems: ['too-large'],
      what: 'a sheet stream that really inflates to 2 GiB while claiming 2,000 bytes',
    });
    made.push({
      name: 'zip-bomb-under-limit.xlsx',
      expect: EXPECT_REFUSED,
      problems: ['corrupt', 'too-large'],
      what: 'a sheet of 896 MiB of zero bytes, honest in size and checksum, just under the 1 GiB bound: inflated, then refused as not XML',
    });
    made.push({
      name: 'zip-bomb-2gib-honest.xlsx',
      expect: EXPECT_REFUSED,
      problems: ['too-large'],
      what: 'the same stream, honestly declaring 2 GiB (over the 1 GiB bound)',
    });
  }
  // Amplification inside the 1 GiB bound: small files whose content costs far more
  // memory or time than its size, each to be read, or refused clearly, within bounds.
  const more = [
    [
      'many-number-formats.xlsx',
      () =>
        zipOf(
          withPart(
            withPart(trackerParts(), 'xl/styles.xml', (x) =>
              x
                .replace(
                  '<fonts',
                  `<numFmts count="100000">${Array.from({ length: 100000 }, (_, i) => `<numFmt numFmtId="${164 + i}" formatCode="${i === 99999 ? 'dd/mm/yyyy' : `0.${'0'.repeat(i % 5)}&quot;u${i}&quot;`}"/>`).join('')}</numFmts><fonts`,
                )
                .replace(
                  /<cellXfs count="2">(.*?)<\/cellXfs>/,
                  (_m, xfs) =>
                    `<cellXfs count="100002">${xfs}${Array.from({ length: 100000 }, (_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs>`,
                ),
            ),
            SHEET1,
            (x) => x.replace(/ s="1"/g, ' s="100001"'),
          ),
        ),
      {
        expect: EXPECT_READ,
        actions: 5,
        what: 'styles.xml with 100,000 number formats and 100,000 cell styles; the target date uses the last one (dd/mm/yyyy)',
      },
    ],
    [
      'filled-cells-to-bottom.xlsx',
      () => {
        const rows = [];
        for (let r = 12; r <= 1_048_576; r++)
          rows.push(`<row r="${r}"><c r="A${r}" s="2"/><c r="B${r}" s="2"/><c r="C${r}" s="2"/><c r="D${r}" s="2"/></row>`);
        return zipOf(
          withPart(tail(rows.join('')), 'xl/styles.xml', (x) =>
            x
              .replace('<fills count="2">', '<fills count="3">')
              .replace(
                '</fills>',
                '<fill><patternFill patternType="solid"><fgColor rgb="FFFFC000"/><bgColor indexed="64"/></patternFill></fill></fills>',
              )
              .replace(
                /<cellXfs count="2">(.*?)<\/cellXfs>/,
                (_m, xfs) =>
                  `<cellXfs count="3">${xfs}<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>`,
              ),
          ),
        );
      },
      {
        expect: EXPECT_READ,
        actions: 5,
        what: 'under the tracker, every row down to 1,048,576 with four empty cells filled amber (4 million filled cells with no values): fills are kept only where values are',
      },
    ],
    [
      'many-fills.xlsx',
      () =>
        zipOf(
          withPart(
            withPart(trackerParts(), 'xl/styles.xml', (x) =>
              x
                .replace(
                  /<fills count="2">(.*?)<\/fills>/,
                  (_m, fills) =>
                    `<fills count="100002">${fills}${Array.from({ length: 100000 }, (_, i) => `<fill><patternFill patternType="solid"><fgColor theme="${i % 10}" tint="${((i % 9) - 4) / 5}"/></patternFill></fill>`).join('')}</fills>`,
                )
                .replace(
                  /<cellXfs count="2">(.*?)<\/cellXfs>/,
                  (_m, xfs) =>
                    `<cellXfs count="100002">${xfs}${Array.from({ length: 100000 }, (_, i) => `<xf numFmtId="14" fontId="0" fillId="${2 + i}" borderId="0" xfId="0" applyFill="1"/>`).join('')}</cellXfs>`,
                ),
            ),
            SHEET1,
            (x) => x.replace(/ s="1"/g, ' s="100001"'),
          ),
        ),
      {
        expect: EXPECT_READ,
        actions: 5,
        what: 'styles.xml with 100,000 tinted theme fills and 100,000 cell styles, each a date format on its own fill; the target dates use the last one',
      },
    ],
    [
      'far-column-every-row.xlsx',
      () => {
        const rows = [];
        for (let r = 20; r < 100_020; r++) rows.push(`<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`);
        return zipOf(tail(rows.join('')));
      },
      {
        expect: EXPECT_READ,
        actions: 5,
        orRefused: ['too-large', 'corrupt'],
        what: 'under the tracker, 100,000 rows each holding one number in column XFD (a ~450 kB file): a reader that pads every row to its last column needs 1.6 billion slots',
      },
    ],
    [
      'empty-shared-strings.xlsx',
      () => zipOf(withPart(trackerParts(), 'xl/sharedStrings.xml', (x) => x.replace('</sst>', `${'<si/>'.repeat(100_000_000)}</sst>`))),
      {
        expect: EXPECT_READ,
        actions: 5,
        orRefused: ['too-large', 'corrupt'],
        what: 'sharedStrings.xml with 100,000,000 empty items after the real ones (500 MB of XML in a ~750 kB file)',
      },
    ],
    [
      'million-merges.xlsx',
      () =>
        zipOf(
          trackerParts({
            after: `<mergeCells count="1000000">${Array.from({ length: 1_000_000 }, (_, i) => `<mergeCell ref="A${20 + i}:B${20 + i}"/>`).join('')}</mergeCells>`,
          }),
        ),
      { expect: EXPECT_READ, actions: 5, what: 'a sheet with 1,000,000 merged areas under the tracker' },
    ],
    [
      'sixty-five-thousand-parts.xlsx',
      () => zipOf([...trackerParts(), ...Array.from({ length: 65_520 }, (_, i) => [`customXml/item${i}.xml`, '<a/>'])]),
      {
        expect: EXPECT_READ,
        actions: 5,
        orRefused: ['too-large', 'corrupt', 'write'],
        what: "a tracker plus 65,520 small parts, 65,527 in all (the zip format holds 65,535 without ZIP64): read; the output, with Ragbook's parts added, may refuse clearly if it cannot hold them",
      },
    ],
  ];
  for (const [name, make, entry] of more) {
    fs.writeFileSync(path.join(dir, name), make());
    made.push({ name, ...entry });
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(made, null, 2) + '\n');
  return made;
}

// ---------------------------------------------------------------------------

function writeCorpus(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = corpus();
  const manifest = files.map(({ data, ...rest }) => ({ ...rest, bytes: data.length }));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.data);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const outcome = (f) => {
    if (f.expect === EXPECT_REFUSED) return `refused (${f.problems.join(' or ')})`;
    const or = f.orRefused ? `, or refused clearly (${f.orRefused.join(' or ')})` : '';
    if (f.expect === 'write-refused') return `check reads it; recalc refuses${or}`;
    return `read${or}`;
  };
  const row = (f) => `| \`${f.name}\` | ${f.bytes.toLocaleString('en-GB')} | ${outcome(f)} | ${f.what.replace(/\|/g, '\\|')} |`;
  const readme = [
    '# Bad-input corpus',
    '',
    'Made by `node scripts/make-bad-inputs.mjs` (the source of truth: edit the script, not these files, and run it again). Checked by `tests/bad-inputs.test.ts`, which also makes the large cases with `--large` in a temporary folder: a million shared strings, formatted rows down to 1,048,576, zip bombs that really inflate to 2 GiB, and files whose content costs far more than their size (100,000 number formats, 100,000 fills, four million filled empty cells, a million merged areas, 100,000 rows each with a cell in column XFD, 100 million empty shared strings, 65,527 parts).',
    '',
    "**Refused** files must make `ragbook recalc FILE --out OUT` (and `check`) exit 2 with one line on stderr naming the file (no stack trace, no control characters), write nothing, and take less than 5 s. **check reads it; recalc refuses** files are ones the reader accepts but the writer cannot update (Strict, a protected structure): `recalc` must refuse them in the same way, `check` must read them. **Read** files must be processed correctly (exit 0) within bounded time and memory, the user's sheets byte for byte as they were; where a clear refusal is allowed instead, it says which (`write`: by `recalc` only).",
    '',
    'Some of these fail until `src/` is fixed: SECURITY.md lists them under "Open problems".',
    '',
    '| file | bytes | outcome | what it is |',
    '| --- | ---: | --- | --- |',
    ...manifest.map(row),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'README.md'), readme);
  return manifest;
}

async function main() {
  const argv = process.argv.slice(2);
  const at = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--large')) {
    const dir = path.resolve(at('--large'));
    const made = large(dir);
    console.log(`wrote ${made.length} large files to ${dir}`);
    return;
  }
  const dir = path.resolve(at('--out') ?? path.join(ROOT, 'tests', 'bad-inputs'));
  const manifest = writeCorpus(dir);
  console.log(`wrote ${manifest.length} files to ${path.relative(process.cwd(), dir) || '.'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
