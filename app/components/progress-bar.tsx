/**
 * A progress bar with its text alternative beside it. A native <progress>
 * needs no inline styles (CSP-friendly); the text is what assistive
 * technology reads, so the bar itself is hidden from it.
 */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.min(100, Math.max(0, Math.round(percent)));
  return (
    <span className="progress">
      <progress max={100} value={value} aria-hidden="true" />
      <span className="progress-label">{label}</span>
    </span>
  );
}
