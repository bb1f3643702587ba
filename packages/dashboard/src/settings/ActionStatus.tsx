/** A card's last outcome: its error, or a short confirmation. */
export function ActionStatus({ error, done }: { error: string | null; done: string | null }) {
  if (error) return <div className="alert" role="alert">{error}</div>;
  if (done) return <span className="saved-note" role="status">{done}</span>;
  return null;
}
