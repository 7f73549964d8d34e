/**
 * Decorative marks (the brand mark, play, watched, previous and next) as
 * inline SVG hidden from assistive technology. A text character such as "▶"
 * or "✓" would be printed by text browsers (lynx, w3m) and copied with the
 * text; an inline SVG is drawn by graphical browsers and left out by text
 * browsers and by engines without inline SVG (NetSurf, Dillo).
 */
const SHAPES = {
  brand: (
    <>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 1.5a6.5 6.5 0 0 1 0 13z" fill="currentColor" />
    </>
  ),
  play: <path d="M4 2.5v11l9-5.5z" fill="currentColor" />,
  check: <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
  previous: (
    <path
      d="M13.5 8h-11m4.5-4.5L2.5 8 7 12.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    />
  ),
  next: (
    <path d="M2.5 8h11M9 3.5 13.5 8 9 12.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
  ),
} as const;

export type IconName = keyof typeof SHAPES;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : "icon"}
      width="1em"
      height="1em"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name]}
    </svg>
  );
}
