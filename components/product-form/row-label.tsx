/** A short visible label ("Name") whose accessible name is the full one ("Output port 1 name"). */
export function RowLabel({ visible, full }: { visible: string; full: string }) {
  return (
    <>
      <span aria-hidden>{visible}</span>
      <span className="sr-only">{full}</span>
    </>
  );
}
