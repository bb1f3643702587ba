import { formatDateTime } from '../format/formatDateTime.js';
import { projectApi, type IngestKey } from './projectApi.js';
import { ActionStatus } from './ActionStatus.js';
import { useAction } from './useAction.js';

/** Ingest keys: the SDK snippet's `key`. A new key works at once; the old ones until revoked. */
export function KeysCard({ projectId, keys, canEdit, onChanged }: { projectId: string; keys: IngestKey[]; canEdit: boolean; onChanged: () => void }) {
  const { busy, error, done, run } = useAction(onChanged);
  const live = keys.filter((k) => !k.revokedAt);
  const newest = live[live.length - 1];
  const origin = window.location.origin;
  return (
    <section className="settings-card" data-testid="settings-keys">
      <h2>Ingest keys</h2>
      <p className="muted small">Public: a key ships in every recorded page. To rotate, add a key, put it in your pages, then revoke the old one.</p>
      <table className="settings-table">
        <thead><tr><th>Key</th><th>Added</th><th>Status</th>{canEdit && <th />}</tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.key} data-testid="key-row" data-key={k.key}>
              <td><code>{k.key}</code></td>
              <td>{formatDateTime(k.createdAt)}</td>
              <td>{k.revokedAt ? `revoked ${formatDateTime(k.revokedAt)}` : 'live'}</td>
              {canEdit && (
                <td>
                  {!k.revokedAt && (
                    <button type="button" className="button button-danger" disabled={busy} data-testid="key-revoke"
                      onClick={() => window.confirm(`Revoke ${k.key}? Pages still sending with it will be refused.`)
                        && void run(() => projectApi.revokeKey(projectId, k.key), 'Key revoked.')}>
                      Revoke
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {newest && (
        <label className="form-field">
          <span>Snippet for your pages (newest key)</span>
          <textarea readOnly data-testid="sdk-snippet" rows={3} onFocus={(e) => e.currentTarget.select()}
            value={`<script src="${origin}/sdk/gosight.js"></script>\n<script>GoSight.init({ endpoint: '${origin}', projectKey: '${newest.key}' });</script>`} />
        </label>
      )}
      {canEdit && (
        <div className="settings-row">
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => projectApi.addKey(projectId), 'Key added.')} data-testid="key-add">
            Add a key
          </button>
          <ActionStatus error={error} done={done} />
        </div>
      )}
    </section>
  );
}
