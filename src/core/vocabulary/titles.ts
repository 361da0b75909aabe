// The words and shapes of a work stream's title row (`Work stream 2:`, `AREA FOR
// IMPROVEMENT 3:`, `Theme 3 –`) and of the labels that sit near titles without
// being one (`Appendix B`, `Lead officer: J Smith`). Plain data, no zod.

// `Work stream 2:`, `Workstream C –`, `AREA FOR IMPROVEMENT 3:`, `Priority area 1 -`,
// `Key priority 2`, `Theme 3 –`: a grouping word and a number (or a lone letter or a
// roman numeral) start a title. Plain words such as `Leadership and governance` can
// be titles too; those are judged by where they sit (see titleAbove).
export const STRONG_TITLE = new RegExp(
  String.raw`^\s*(?:(?:key|strategic|corporate|improvement|service)\s+)?` +
    String.raw`(work\s*-?\s*streams?|areas?\s+(?:for|of)\s+(?:improvement|focus|development)|improvement\s+(?:areas?|priorit(?:y|ies)|themes?)|` +
    String.raw`priority\s+(?:areas?|themes?)|areas?|themes?|priority|priorities|objectives?|outcomes?|sections?|strands?|parts?|` +
    String.raw`recommendations?|key\s+lines?\s+of\s+enquiry|kloe|goals?|aims?)` +
    // A letter or roman numeral must stand apart: `Areas and` is not `Area s`.
    String.raw`(?:\s*(?:no\.?\s*)?[:\-–—.]?\s*\d+[a-z]?|(?:\s+(?:no\.?\s*)?|\s*[:\-–—.]\s*)(?:[ivx]+|[a-z]))(?![a-z0-9'’])`,
  'i',
);

// Rows near a title that are not titles: `Appendix B`, `Annex 2`, `Lead officer: J Smith`, `Last updated 3 October 2025`.
export const STRAY_LABEL =
  /^(?:(?:appendix|annex|annexe|schedule|table|page|sheet)\s+[a-z0-9]{1,3}\.?|(?:lead(?: officer| director| member)?|sponsor|owner|responsible officer|director|author|prepared by|version|status|rag|overall rag|reporting period|period|date|(?:last )?updated(?: on| by)?)\s*[:\-–]?\s.*)$/i;

export function isStrongTitle(text: string): boolean {
  return STRONG_TITLE.test(text);
}

// A heading row inside a table, in the wordings trackers use besides the numbered
// titles above: `MUST DO – Medical care`, `SHOULD DO`, `Theme: Digital`, `Priority:
// Falls`, a numbered heading (`1 Prevention`, `1.1 Information and advice`), a row in
// capitals. A short text alone in the first cells is a heading too when actions of
// its own follow it (see detect/body.ts); these wordings make it one even when none do.
export const HEADING_WORDING = new RegExp(
  String.raw`^\s*(?:(?:must|should|could|may)\s+do\b|` +
    String.raw`(?:key\s+|strategic\s+|improvement\s+)?(?:work\s*-?\s*streams?|areas?(?:\s+(?:for|of)\s+\w+)?|themes?|priorit(?:y|ies)|objectives?|outcomes?|sections?|strands?|domains?|recommendations?|kloe|goals?|aims?|ambitions?|pillars?|workstreams?)\s*[:\-–—]\s*\S|` +
    String.raw`\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?[.)]?\s+[A-Za-z])`,
  'i',
);

// The start of a remark rather than a heading: `NB:`, `Note:`, `* Figures …`, `Source:`.
export const NOTE_LEAD = /^\s*(?:n\.?\s?b\b\.?|notes?\b|please note\b|\*|source\b|\(\s*note|footnote|figures (?:are|were|to be)\b)/i;

// Headings are a few words; a longer text is a remark (a sentence about the rows).
export const MAX_HEADING_LENGTH = 120;

// A key or legend: `Key`, `Key:`, `Status key`, `RAG key`, `Legend`, `Key to ratings`.
export const KEY_HEADING =
  /^\s*(?:(?:status|rag|brag|rating|ratings|colour|color|progress)\s+)?(?:key|legend)(?:\s+to\s+[\w\s]+)?\s*:?\s*$/i;
// The header of a key written as a small table: `RAG | Meaning`, `Status | Description`.
export const KEY_MEANING_HEADER = /^\s*(?:meaning|what it means|description|definition|explanation|criteria|means|key)\s*:?\s*$/i;
// One entry of a key typed in one cell: `Blue = complete`, `Green – on track`, `Red: off track`.
export const KEY_ENTRY = /^\s*([A-Za-z][A-Za-z /]{0,24}?)\s*(?:=|[-–—:]|\()\s*\S/;
