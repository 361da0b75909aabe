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
