interface PanelStatusProps {
  loaded: boolean;
  error: string | null;
  total: number;
  shown: number;
  noun: string;
}

/** One line under a panel's toolbar: loading, failure, or how much of the session is shown so far. */
export function PanelStatus({ loaded, error, total, shown, noun }: PanelStatusProps) {
  if (error) return <div className="panel-status alert-text">Could not load the session's events: {error}</div>;
  if (!loaded) return <div className="panel-status muted">Loading events…</div>;
  return (
    <div className="panel-status muted" data-testid="panel-status">
      {shown} of {total} {noun} up to the playhead
    </div>
  );
}
