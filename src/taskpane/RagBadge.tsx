import { makeStyles, tokens } from '@fluentui/react-components';
import { RAG_COLOURS } from '../core/palette';
import type { Rag } from '../core/report';

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

export function RagBadge({ rag }: { rag: Rag }) {
  const s = useStyles();
  const colour = RAG_COLOURS[rag];
  return (
    <span className={s.badge} style={{ backgroundColor: colour.fill, color: colour.text }} data-rag={rag}>
      {rag}
    </span>
  );
}
