/** A screen's main heading: focus moves here after every change of screen. */
export function ScreenHeading({ eyebrow, text }: { eyebrow: string; text: string }) {
  return (
    <div className="p-head">
      <span className="eyebrow">{eyebrow}</span>
      <h1 id="p-heading" tabIndex={-1}>
        {text}
      </h1>
    </div>
  );
}
