/** The streaming caret; decorative, so hidden from assistive technology (aria-busy says it instead). */
export function Caret() {
  return <span className="rcs-caret" data-rcs-caret="" aria-hidden="true" />;
}
