// Which Fluent theme to use: Office's own theme inside Excel, the system's
// preference in the browser preview.

/** Relative luminance of #RRGGBB (WCAG), or null when the colour is not in that form. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const channel = (i: number) => {
    const v = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Office's dark and black themes have a dark body; colourful and white have a light one. */
export function isDarkBackground(hex: string | undefined | null): boolean {
  if (!hex) return false;
  const l = luminance(hex);
  return l !== null && l < 0.2;
}

export function prefersDark(): boolean {
  return (
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
  );
}

/** Calls back when the system switches between light and dark; returns the unsubscribe. */
export function onPrefersDarkChange(callback: (dark: boolean) => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const listener = (e: MediaQueryListEvent) => callback(e.matches);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
