import { makeStyles, tokens } from '@fluentui/react-components';
import { ragColours } from '../core/palette';

// The RAG word on its colour, in the palette of the written sheets. The word is
// always there, so the rating reads without colour (print, colour-blind readers).

const useStyles = makeStyles({
  badge: {
    display: 'inline-block',
    minWidth: '3.5em',
    textAlign: 'center',
    padding: `1px ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    // Keeps the pale fills (Amber/Green, Amber/Red) distinct on a light background.
    boxShadow: `inset 0 0 0 1px rgba(0, 0, 0, 0.15)`,
  },
});

/** `rag` is a RAG word; one that is no colour (Not rated) is shown on grey. */
export function RagBadge({ rag }: { rag: string }) {
  const s = useStyles();
  const colour = ragColours(rag);
  return (
    <span className={s.badge} style={{ backgroundColor: colour.fill, color: colour.text }} data-rag={rag}>
      {rag}
    </span>
  );
}
