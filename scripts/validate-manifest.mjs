#!/usr/bin/env node
// Validates manifest.xml against the Office add-in manifest schemas in
// office-schemas/, offline, with libxml2 compiled to WebAssembly (libxml2-wasm):
// no system program and no network. The schemas import each other by file name,
// so libxml2 reads them through Node's file system.
//
//   node scripts/validate-manifest.mjs [manifest.xml] [schema.xsd]
//
// Exit 0 and no output when valid; exit 1 with libxml2's messages (file:line) otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.resolve(process.argv[2] ?? path.join(root, 'manifest.xml'));
const schemaPath = path.resolve(process.argv[3] ?? path.join(root, 'office-schemas', 'OfficeAppManifestV1_1.xsd'));

xmlRegisterFsInputProviders();
let schema;
let doc;
let validator;
try {
  // The schema is parsed from its path, so its xs:import of sibling schemas resolves beside it.
  schema = XmlDocument.fromBuffer(fs.readFileSync(schemaPath), { url: schemaPath });
  validator = XsdValidator.fromDoc(schema);
  doc = XmlDocument.fromBuffer(fs.readFileSync(manifestPath), { url: manifestPath });
  validator.validate(doc);
} catch (e) {
  const lines =
    e instanceof XmlValidateError || (e && Array.isArray(e.details))
      ? e.details.map((d) => `${path.relative(process.cwd(), d.file ?? manifestPath) || manifestPath}:${d.line}: ${d.message.trim()}`)
      : [`${path.relative(process.cwd(), manifestPath)}: ${e && e.message ? e.message.trim() : String(e)}`];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = 1;
} finally {
  doc?.dispose();
  validator?.dispose();
  schema?.dispose();
}
