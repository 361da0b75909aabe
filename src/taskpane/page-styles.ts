import { makeStyles, tokens } from '@fluentui/react-components';

// The page frame both panes draw (the workbook's pane and the preview's directorate
// pane), kept in one place so the two cannot drift apart in look.

export const usePageStyles = makeStyles({
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    maxWidth: '720px',
    margin: '0 auto',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: 'flex', flexDirection: 'column', gap: '2px' },
  h1: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});
