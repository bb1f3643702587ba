import type { NetworkEvent } from '@gosight/shared';
import { formatTime } from '../format/formatTime.js';
import { formatBody, formatBytes, formatDuration, isFailed } from './networkRows.js';

function Headers({ title, headers }: { title: string; headers: Record<string, string> | undefined }) {
  const entries = Object.entries(headers ?? {});
  return (
    <section className="details-section">
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p className="muted details-note">Not recorded.</p>
      ) : (
        <dl className="header-list">
          {entries.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Body({ title, body, testId }: { title: string; body: unknown; testId: string }) {
  const text = formatBody(body);
  return (
    <section className="details-section">
      <h4>{title}</h4>
      {text === null ? <p className="muted details-note">Not recorded.</p> : <pre className="details-body" data-testid={testId}>{text}</pre>}
    </section>
  );
}

/** One request as recorded (already sanitised by the SDK): summary, headers, bodies. */
export function NetworkDetails({ event, offsetMs, onSeek }: { event: NetworkEvent; offsetMs: number; onSeek: (offsetMs: number) => void }) {
  const { request } = event;
  return (
    <div className="panel-details network-details" data-testid="network-details">
      <div className="details-heading">
        <span className={`status-pill${isFailed(event) ? ' failed' : ''}`}>{request.status || 'failed'}</span>
        <strong>{request.method}</strong>
        <button type="button" className="link-button" onClick={() => onSeek(offsetMs)}>
          Go to {formatTime(offsetMs)}
        </button>
      </div>
      <div className="details-url" data-testid="network-details-url">
        {request.url}
      </div>
      <dl className="summary-list">
        <div>
          <dt>Type</dt>
          <dd>{request.type}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(request.size)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(request.durationMs)}</dd>
        </div>
      </dl>
      <Headers title="Request headers" headers={request.requestHeaders} />
      <Headers title="Response headers" headers={request.responseHeaders} />
      <Body title="Request body" body={request.requestBody} testId="request-body" />
      <Body title="Response body" body={request.responseBody} testId="response-body" />
    </div>
  );
}
